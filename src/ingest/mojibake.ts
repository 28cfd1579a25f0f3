/**
 * Repairs text that was UTF-8, read as ISO-8859-1 and saved as UTF-8 again
 * ("double-encoded"): a curly quote U+201C (bytes E2 80 9C) then shows up as
 * "â" followed by the C1 controls U+0080 U+009C.
 *
 * C1 controls never occur in real text, so a lead character followed by
 * continuation characters that include one is certain evidence: such a
 * sequence is turned back into the character its bytes spell. Only once the
 * page has proved to be double-encoded that way are the two-character forms
 * without a C1 control ("Ã©" for "é") repaired as well.
 */

/** A lead byte read as Latin-1 and one to three continuation bytes, at least one of them 0x80–0x9F. */
const WITH_C1 = /[\u00c2-\u00f4](?:[\u0080-\u00bf]{0,2}[\u0080-\u009f][\u0080-\u00bf]{0,2})/g;
/** A two-byte sequence (U+0080–U+07FF) read as Latin-1. */
const TWO_BYTE = /[\u00c2-\u00df][\u0080-\u00bf]/g;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface MojibakeRepair {
  text: string;
  /** Characters restored. */
  repaired: number;
}

export function repairDoubleEncoding(text: string): MojibakeRepair {
  if (!/[\u0080-\u009f]/.test(text)) return { text, repaired: 0 };
  let repaired = 0;
  const restore = (sequence: string): string => {
    const char = decodeLatin1AsUtf8(sequence);
    if (char === null) return sequence;
    repaired++;
    return char;
  };
  let result = text.replace(WITH_C1, restore);
  if (repaired > 0) result = result.replace(TWO_BYTE, restore);
  return { text: result, repaired };
}

/** The one character a run of Latin-1 characters spells as UTF-8 bytes, or null when it spells none. */
function decodeLatin1AsUtf8(sequence: string): string | null {
  const bytes = Buffer.from(sequence, 'latin1');
  try {
    const decoded = strictUtf8.decode(bytes);
    return [...decoded].length === 1 ? decoded : null;
  } catch {
    return null;
  }
}
