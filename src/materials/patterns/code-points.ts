// Hits report spans in Unicode code points, while JavaScript engines report UTF-16 units. Most texts have
// no astral characters (emoji, rare CJK), so the conversion is the identity unless a surrogate is present.

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A converter from UTF-16 offsets of `text` to code point offsets. The offset table (one entry per unit)
 * is built only when the text has surrogates, on the first conversion, so text without hits pays nothing.
 * A lone surrogate counts as one code point, as `[...text]` counts it.
 */
export function codePointIndexer(text: string): (utf16Offset: number) => number {
  if (!SURROGATE.test(text)) return (offset) => offset;
  let table: Uint32Array | undefined;
  return (offset) => {
    table ??= buildTable(text);
    return table[offset];
  };
}

function buildTable(text: string): Uint32Array {
  const table = new Uint32Array(text.length + 1);
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = codePoints;
    const unit = text.charCodeAt(i);
    const pairs = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    // The low half of a pair shares the pair's code point: an offset there is inside the character.
    if (pairs) table[++i] = codePoints;
    codePoints++;
  }
  table[text.length] = codePoints;
  return table;
}
