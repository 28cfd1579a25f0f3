export * from './layers.js';
export { attribute, attributionKind, DEFAULT_MAX_TOKENS, type AttributeOptions, type AttributeReport } from './attribute.js';
export { attributionsToJson, type AttributionJson, type AttributionSpeakerJson, type AttributionJsonOptions } from './result.js';
export { defaultAttributionTagger, readAttributionModel, attributionModelPath } from './model.js';
export { AttributionTagger } from './tagger.js';
export { judgeEnglish } from './language.js';
