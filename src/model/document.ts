import type { LayerMap, LayerName } from './layers.js';
import { compareSpans, isValidSpan, type Span } from './span.js';

/** Raised when a stage tries to break the document's invariants. */
export class DocumentModelError extends Error {
  override name = 'DocumentModelError';
}

/**
 * The one document model every stage shares: a normalised text that never
 * changes once created, plus named layers of standoff spans over it.
 *
 * Stages add layers; no stage rewrites another's. A layer is validated when
 * added (every span inside the text) and kept sorted by position, so later
 * stages can walk layers in document order.
 */
export class WhosaidDocument {
  readonly text: string;
  readonly #layers = new Map<LayerName, readonly Span[]>();

  constructor(text: string) {
    this.text = text;
  }

  /** Adds a layer. Throws if the layer exists already or a span falls outside the text. */
  addLayer<K extends LayerName>(name: K, spans: readonly LayerMap[K][]): void {
    if (this.#layers.has(name)) {
      throw new DocumentModelError(`layer "${String(name)}" already exists; stages add layers and never rewrite one`);
    }
    for (const span of spans) {
      if (!isValidSpan(span, this.text.length)) {
        throw new DocumentModelError(
          `layer "${String(name)}": span ${span.start}-${span.end} lies outside a text of length ${this.text.length}`,
        );
      }
    }
    const sorted = [...spans].sort(compareSpans);
    this.#layers.set(name, Object.freeze(sorted));
  }

  hasLayer(name: LayerName): boolean {
    return this.#layers.has(name);
  }

  /** The spans of a layer in document order, or an empty list when the layer was never added. */
  layer<K extends LayerName>(name: K): readonly LayerMap[K][] {
    return (this.#layers.get(name) as readonly LayerMap[K][] | undefined) ?? [];
  }

  layerNames(): LayerName[] {
    return [...this.#layers.keys()];
  }

  /** The text a span covers. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /** Spans of `name` that lie wholly inside `container`, in document order. */
  within<K extends LayerName>(name: K, container: Span): LayerMap[K][] {
    return this.layer(name).filter((s) => s.start >= container.start && s.end <= container.end);
  }
}
