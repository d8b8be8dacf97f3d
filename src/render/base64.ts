// Base64 of a UTF-8 string without Node's Buffer, so hovers can be built in the web extension's
// worker as well as in Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 bytes of a string (TextEncoder exists in Node ≥ 11 and in every browser worker). */
function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function base64OfUtf8(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i],
      b = bytes[i + 1],
      c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63];
    out += c === undefined ? '=' : ALPHABET[n & 63];
  }
  return out;
}

/** A `data:image/svg+xml;base64,…` URI: VS Code hovers render these without trusted markdown. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${base64OfUtf8(svg)}`;
}
