/**
 * Page text shown in a terminal must not act on it. C0 controls (ESC, BEL,
 * BS, CR…), DEL and C1 controls (U+0080–U+009F, where U+009B is a one-character
 * CSI) are what terminals obey rather than show: a page could set the window
 * title, clear the screen, rewrite earlier lines or disguise a link (OSC 8).
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Replaces each run of control characters (line breaks and tabs included) by one space: for one-line table cells. */
export function controlsToSpace(text: string): string {
  return text.replace(CONTROL_RUNS, ' ');
}

/**
 * Shows control characters as visible escapes (`\x1b`, `\x9b`) instead of
 * sending them to the terminal; line feeds and tabs, which layout needs, are kept.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => (char === '\n' || char === '\t' ? char : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
