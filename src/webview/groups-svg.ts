// Channel groups (grouped and depthwise convolutions), drawn for the explorer: the input channels
// in a row, the output channels in a row above, each group in its own colour, and a band from each
// group of outputs to the only inputs it reads, each group in a colour class (g0…g5) that the
// explorer page styles (explorer-html.ts). Drawn in the webview: only the explorer shows it.

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** A grouped convolution's channels: `groups` must divide both counts. */
export interface ChannelGroups {
  readonly input: number;
  readonly output: number;
  readonly groups: number;
}

/** Hues that stay apart on light, dark and high-contrast backgrounds; groups past them repeat. */
export const GROUP_COLOURS = 6;

const WIDTH = 360;
const ROW = 14;

/** The SVG, or undefined when the channels are not known or groups do not divide them. */
export function renderGroupsSvg(c: ChannelGroups): string | undefined {
  const { input, output, groups } = c;
  if (![input, output, groups].every(v => Number.isInteger(v) && v >= 1)) return undefined;
  if (input % groups || output % groups) return undefined;
  const top = 18,
    bottom = top + ROW + 34;
  const parts: string[] = [];
  const row = (count: number, y: number, label: string) => {
    const w = WIDTH / count;
    parts.push(`<text class="l" x="0" y="${y - 4}">${escapeXml(label)}</text>`);
    for (let g = 0; g < groups; g++) {
      const per = count / groups;
      const x = g * per * w;
      parts.push(`<rect class="g${g % GROUP_COLOURS}" x="${r(x)}" y="${y}" width="${r(per * w)}" height="${ROW}"/>`);
      // Channel ticks when they are few enough to see.
      if (count <= 96)
        for (let k = 1; k < per; k++)
          parts.push(`<rect class="gt" x="${r(x + k * w)}" y="${y}" width="0.6" height="${ROW}"/>`);
    }
  };
  row(output, top, `output channels: ${output}`);
  row(input, bottom, `input channels: ${input}, groups = ${groups}${groups === input ? ' (depthwise)' : ''}`);
  for (let g = 0; g < groups; g++) {
    const ox = (g * WIDTH) / groups,
      ow = WIDTH / groups;
    parts.push(
      `<polygon class="g${g % GROUP_COLOURS} gb" points="${r(ox)},${top + ROW} ${r(ox + ow)},${top + ROW} ${r(ox + ow)},${bottom} ${r(ox)},${bottom}"/>`,
    );
  }
  const height = bottom + ROW + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="groups" width="${WIDTH}" height="${height}" viewBox="0 -2 ${WIDTH} ${height + 2}" font-size="11" role="img" aria-label="${escapeXml(`${groups} channel groups: each group of ${output / groups} output channels reads its own ${input / groups} input channels`)}">${parts.join('')}</svg>`;
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}
