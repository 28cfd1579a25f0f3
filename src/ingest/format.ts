import type { InputFormat } from './input.js';

/**
 * Decides whether a page is HTML or a plain-text capture: from its
 * Content-Type, then its file name, then its content.
 */

const HTML_NAME = /\.(x?html?|shtml|php|aspx?|jsp)$/i;
const TEXT_NAME = /\.(txt|text)$/i;
/** Markup that only an HTML document starts with. */
const HTML_START = /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<!--|<\?xml|<div[\s>]|<p[\s>]|<article[\s>]|<section[\s>]|<main[\s>]|<script[\s>]|<link\s|<style[\s>]|<table[\s>]|<h[1-6][\s>])/i;
/** Markup that marks a whole document even after some leading junk. */
const HTML_ANYWHERE = /<(!doctype\s+html|html[\s>]|body[\s>]|head>)/i;

export interface FormatHints {
  /** The input's name or URL path; a trailing ".gz" is ignored. */
  name?: string | null;
  contentType?: string | null;
}

export function sniffFormat(content: string, hints: FormatHints = {}): InputFormat {
  const head = content.slice(0, 4096);
  const mediaType = hints.contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  // Servers label HTML as text/plain often enough that a full document still counts as HTML.
  if (mediaType === 'text/plain') return HTML_ANYWHERE.test(head) ? 'html' : 'text';
  const name = (hints.name ?? '').replace(/[?#].*$/, '').replace(/\.gz$/i, '');
  if (HTML_NAME.test(name)) return 'html';
  if (TEXT_NAME.test(name)) return 'text';
  return HTML_START.test(head) || HTML_ANYWHERE.test(head) ? 'html' : 'text';
}
