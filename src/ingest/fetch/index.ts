export { PoliteFetcher, ROBOTS_USER_AGENT_TOKEN, DEFAULT_CONCURRENCY, DEFAULT_PER_HOST_CONCURRENCY, DEFAULT_PER_HOST_DELAY_MS, MAX_CRAWL_DELAY_MS } from './polite-fetcher.js';
export type { PoliteFetcherOptions, PoliteFetchOptions, FetcherClock } from './polite-fetcher.js';
export { addressPolicy, refusedAddressReason, refusedHostNameReason, ALLOW_PRIVATE_HINT, type AddressPolicy, type AddressPolicyOptions } from './address-policy.js';
export { httpGet, FetchFailure, createTransportAgents, destroyTransportAgents, DEFAULT_USER_AGENT, type HttpGetOptions, type HttpResponseData, type ResolveHost, type ResolvedAddress, type TransportAgents, type FetchFailureKind } from './transport.js';
export { parseRobots, isAllowedByRobots, ALLOW_ALL, DISALLOW_ALL, type RobotsRules, type RobotsRule } from './robots.js';
export { decodeBody, parseContentEncoding, ContentEncodingProblem, type DecodeLimits, type DecodedBody } from './content-encoding.js';
