/** Left-justifies like Python's `%-Ns` (counting code points). */
export function padRight(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

/**
 * Lays out words in columns like Python's `cmd.Cmd.columnize`: the fewest rows that fit
 * `displayWidth`, filled column by column, two spaces between columns.
 */
export function columnize(words: readonly string[], displayWidth = 79): string[] {
  if (words.length === 0) return ['<empty>'];
  const size = words.length;
  const len = (word: string): number => [...word].length;
  let rows = size;
  let widths: number[] = [0];
  let found = false;
  for (let nrows = 1; nrows < size; nrows += 1) {
    const ncols = Math.ceil(size / nrows);
    const colWidths: number[] = [];
    let total = -2;
    for (let col = 0; col < ncols; col += 1) {
      let width = 0;
      for (let row = 0; row < nrows; row += 1) {
        const index = row + nrows * col;
        if (index >= size) break;
        width = Math.max(width, len(words[index]));
      }
      colWidths.push(width);
      total += width + 2;
      if (total > displayWidth) break;
    }
    if (total <= displayWidth) {
      rows = nrows;
      widths = colWidths;
      found = true;
      break;
    }
  }
  if (!found) {
    if (size === 1) return [words[0]];
    rows = size;
    widths = [0];
  }
  const ncols = found ? widths.length : 1;
  const lines: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const texts: string[] = [];
    for (let col = 0; col < ncols; col += 1) {
      const index = row + rows * col;
      texts.push(index < size ? words[index] : '');
    }
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    lines.push(texts.map((text, col) => padRight(text, widths[col])).join('  '));
  }
  return lines;
}
