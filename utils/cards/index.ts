// Cards: how a credential is shown. Pure (no extension APIs, no DOM): the background renders,
// the pages display. See README.md.
export { cardFacts, localized, safeImage, type CardFacts, type CardFact } from './card-facts';
export { renderCard, SANDBOX_CSP, MAX_TEMPLATE_CHARS, type CardRendering, type RenderedTemplate, type LoadTemplate } from './render';
export { renderPlans, hasRenderMethod, dataUrlText, type RenderPlan } from './render-method';
export { fillTemplate, escapeMarkup } from './fill-template';
export { matchesDigestMultibase, digestMultibaseOf } from './digest';
export { readPointer } from './json-pointer';
