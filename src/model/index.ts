export * from './span.js';
export * from './layers.js';
export * from './document.js';
export * from './result.js';
