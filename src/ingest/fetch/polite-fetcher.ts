import { fetchPage } from '../http.js';
import { InputError, type PageInput } from '../input.js';
import type { AddressPolicyOptions } from './address-policy.js';
import { ALLOW_ALL, DISALLOW_ALL, isAllowedByRobots, parseRobots, type RobotsRules } from './robots.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  FetchFailure,
  createTransportAgents,
  destroyTransportAgents,
  httpGet,
  type ResolveHost,
  type TransportAgents,
} from './transport.js';

/** The product token whosaid looks for in robots.txt user-agent lines. */
export const ROBOTS_USER_AGENT_TOKEN = 'whosaid';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PER_HOST_CONCURRENCY = 2;
export const DEFAULT_PER_HOST_DELAY_MS = 1000;
/** A Crawl-delay above this is honoured only up to this, so one robots.txt cannot stall a run for hours. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** Origins whose robots.txt verdict is remembered; the oldest is forgotten (and fetched again if needed) past this. */
const MAX_REMEMBERED_ORIGINS = 10_000;
/** RFC 9309 asks crawlers to read at least 500 KiB of robots.txt. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Time as the fetcher sees it; real time by default, replaceable so tests can check spacing without waiting. */
export interface FetcherClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: FetcherClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PoliteFetcherOptions extends AddressPolicyOptions {
  /** Requests in flight at once, all hosts together. */
  concurrency?: number;
  /** Requests in flight at once to one host. */
  perHostConcurrency?: number;
  /** Least time between the starts of two requests to one host; a robots.txt Crawl-delay raises it. */
  perHostDelayMs?: number;
  /** Limit for one exchange (redirects and body included); time spent queued does not count. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Read each site's robots.txt and keep to it (default true). */
  respectRobots?: boolean;
  /** Name resolution (tests); whatever it returns is still judged by the address policy. */
  resolveHost?: ResolveHost;
  clock?: FetcherClock;
}

export interface PoliteFetchOptions {
  /** A publication date known from outside, carried along. */
  published?: string | null;
  /** How the input is named in results and errors; the URL by default. */
  input?: string;
  /** Gives up waiting or fetching. */
  signal?: AbortSignal;
}

/** What robots.txt says for one origin, or why it could not say. */
interface RobotsVerdict {
  rules: RobotsRules;
  /** Set when robots.txt could not be fetched and everything is disallowed for the run. */
  unreachable: string | null;
  /** Set when the origin itself is refused by the address policy: the page is refused for the same reason. */
  refused: string | null;
}

interface Waiter {
  order: number;
  start: () => void;
}

interface HostSlot {
  active: number;
  /** Earliest time (clock.now) the next request to this host may start. */
  nextStartAt: number;
  lastStartAt: number;
  delayMs: number;
  queue: Waiter[];
}

/**
 * Fetches pages the way a considerate crawler does: a limit on requests in
 * flight overall and per host, a pause between requests to one host, and
 * robots.txt read once per origin and obeyed. Every connection goes through
 * the guarded transport, so private and metadata addresses are refused
 * unless `allowPrivateAddresses` is set. One instance should serve a whole
 * run so that the host limits hold across all of its fetches.
 */
export class PoliteFetcher {
  private readonly concurrency: number;
  private readonly perHostConcurrency: number;
  private readonly perHostDelayMs: number;
  private readonly clock: FetcherClock;
  private readonly agents: TransportAgents = createTransportAgents();
  private readonly hosts = new Map<string, HostSlot>();
  /** Hosts with queued requests, so dispatching looks only at them. */
  private readonly waitingHosts = new Set<HostSlot>();
  private readonly robots = new Map<string, Promise<RobotsVerdict>>();
  private active = 0;
  private order = 0;
  private wakeAt = Infinity;

  constructor(private readonly options: PoliteFetcherOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.perHostConcurrency = Math.max(1, options.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY);
    this.perHostDelayMs = Math.max(0, options.perHostDelayMs ?? DEFAULT_PER_HOST_DELAY_MS);
    this.clock = options.clock ?? REAL_CLOCK;
  }

  /** Fetches one page. Throws InputError naming the input and the problem. */
  async fetch(url: string, fetchOptions: PoliteFetchOptions = {}): Promise<PageInput> {
    const input = fetchOptions.input ?? url;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(input, 'not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InputError(input, `unsupported URL scheme "${parsed.protocol}"`);
    if (this.options.respectRobots ?? true) {
      const verdict = await this.robotsFor(parsed);
      if (verdict.refused) throw new InputError(input, verdict.refused);
      if (verdict.unreachable) throw new InputError(input, `not fetched: ${verdict.unreachable}, so the site is treated as disallowing all (RFC 9309)`);
      if (!isAllowedByRobots(verdict.rules, parsed)) throw new InputError(input, 'disallowed by robots.txt');
    }
    const host = hostKey(parsed);
    await this.acquire(host, fetchOptions.signal, input);
    try {
      return await fetchPage(url, {
        input,
        published: fetchOptions.published ?? null,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
        maxBytes: this.options.maxBytes,
        maxRedirects: this.options.maxRedirects,
        userAgent: this.options.userAgent ?? DEFAULT_USER_AGENT,
        allowPrivateAddresses: this.options.allowPrivateAddresses,
        allowAddresses: this.options.allowAddresses,
        resolveHost: this.options.resolveHost,
        agents: this.agents,
        signal: fetchOptions.signal,
      });
    } finally {
      this.release(host);
    }
  }

  /** Closes idle kept-alive connections. The fetcher can still be used; it opens new ones. */
  close(): void {
    destroyTransportAgents(this.agents);
  }

  /** The Crawl-delay-adjusted pause for a host, in ms (for reports and tests). */
  hostDelayMs(hostname: string): number {
    return this.hosts.get(hostname.toLowerCase())?.delayMs ?? this.perHostDelayMs;
  }

  private robotsFor(url: URL): Promise<RobotsVerdict> {
    const origin = url.origin;
    let verdict = this.robots.get(origin);
    if (!verdict) {
      verdict = this.fetchRobots(url);
      this.robots.set(origin, verdict);
      if (this.robots.size > MAX_REMEMBERED_ORIGINS) this.robots.delete(this.robots.keys().next().value as string);
      // A failure that is not a verdict (a bug, a cancelled wait) is not remembered: the next fetch asks again.
      verdict.catch(() => this.robots.delete(origin));
    }
    return verdict;
  }

  /** Not cancellable by one caller: other fetches to the origin wait on the same answer. */
  private async fetchRobots(url: URL): Promise<RobotsVerdict> {
    const host = hostKey(url);
    const robotsUrl = `${url.origin}/robots.txt`;
    // The robots.txt request is a request to the host like any other: it waits its turn and counts for the pause.
    await this.acquire(host, undefined, robotsUrl);
    let verdict: RobotsVerdict;
    try {
      const response = await httpGet(robotsUrl, {
        timeoutMs: this.options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
        maxBytes: ROBOTS_MAX_BYTES,
        maxRedirects: 5,
        userAgent: this.options.userAgent ?? DEFAULT_USER_AGENT,
        accept: 'text/plain,*/*;q=0.5',
        allowPrivateAddresses: this.options.allowPrivateAddresses,
        allowAddresses: this.options.allowAddresses,
        resolveHost: this.options.resolveHost,
        agents: this.agents,
      });
      if (response.status >= 200 && response.status < 300) {
        verdict = { rules: parseRobots(new TextDecoder('utf-8').decode(response.bytes), ROBOTS_USER_AGENT_TOKEN), unreachable: null, refused: null };
      } else if (response.status >= 400 && response.status < 500) {
        verdict = { rules: ALLOW_ALL, unreachable: null, refused: null }; // RFC 9309: "unavailable" means no restrictions
      } else {
        verdict = { rules: DISALLOW_ALL, unreachable: `robots.txt answered HTTP ${response.status}`, refused: null };
      }
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      if (error.kind === 'refused' && !error.afterRedirect) verdict = { rules: DISALLOW_ALL, unreachable: null, refused: error.problem };
      // A robots.txt that redirects too often or somewhere it may not go counts as unavailable (RFC 9309 §2.3.1.2).
      else if (error.kind === 'redirects' || error.kind === 'refused' || error.kind === 'invalid-url') verdict = { rules: ALLOW_ALL, unreachable: null, refused: null };
      else verdict = { rules: DISALLOW_ALL, unreachable: `robots.txt could not be fetched (${error.problem})`, refused: null };
    } finally {
      this.release(host);
    }
    const crawlDelay = verdict.rules.crawlDelaySeconds;
    if (crawlDelay !== null) {
      const slot = this.slot(host);
      slot.delayMs = Math.max(this.perHostDelayMs, Math.min(MAX_CRAWL_DELAY_MS, Math.round(crawlDelay * 1000)));
      slot.nextStartAt = Math.max(slot.nextStartAt, slot.lastStartAt + slot.delayMs);
    }
    return verdict;
  }

  private slot(host: string): HostSlot {
    let slot = this.hosts.get(host);
    if (!slot) {
      slot = { active: 0, nextStartAt: -Infinity, lastStartAt: -Infinity, delayMs: this.perHostDelayMs, queue: [] };
      this.hosts.set(host, slot);
    }
    return slot;
  }

  /** Waits for a turn to start a request to `host`. */
  private acquire(host: string, signal: AbortSignal | undefined, input: string): Promise<void> {
    if (signal?.aborted) return Promise.reject(new InputError(input, 'cancelled'));
    const slot = this.slot(host);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = slot.queue.indexOf(waiter);
        if (index >= 0) slot.queue.splice(index, 1);
        if (slot.queue.length === 0) this.waitingHosts.delete(slot);
        reject(new InputError(input, 'cancelled'));
      };
      const waiter: Waiter = {
        order: this.order++,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.queue.push(waiter);
      this.waitingHosts.add(slot);
      this.dispatch();
    });
  }

  private release(host: string): void {
    const slot = this.hosts.get(host);
    if (slot) slot.active--;
    this.active--;
    this.dispatch();
  }

  /** Starts every queued request that the limits now allow, oldest first; sets a wake-up for the earliest pause to end. */
  private dispatch(): void {
    const now = this.clock.now();
    let earliest = Infinity;
    while (this.active < this.concurrency) {
      let pick: HostSlot | null = null;
      earliest = Infinity;
      for (const slot of this.waitingHosts) {
        if (slot.active >= this.perHostConcurrency) continue;
        if (slot.nextStartAt > now) {
          earliest = Math.min(earliest, slot.nextStartAt);
          continue;
        }
        if (pick === null || slot.queue[0].order < pick.queue[0].order) pick = slot;
      }
      if (pick === null) break;
      const waiter = pick.queue.shift() as Waiter;
      if (pick.queue.length === 0) this.waitingHosts.delete(pick);
      pick.active++;
      this.active++;
      pick.lastStartAt = now;
      pick.nextStartAt = now + pick.delayMs;
      waiter.start();
    }
    if (earliest < Infinity && earliest < this.wakeAt) {
      this.wakeAt = earliest;
      void this.clock.sleep(Math.max(0, earliest - now)).then(() => {
        if (this.wakeAt === earliest) this.wakeAt = Infinity;
        this.dispatch();
      });
    }
  }
}

/** Politeness is per host name: different ports or schemes on one host are one server to be gentle with. */
function hostKey(url: URL): string {
  return url.hostname.toLowerCase();
}
