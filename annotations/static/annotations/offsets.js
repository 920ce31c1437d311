/**
 * Text offsets between the DOM and the server.
 *
 * Units: the server counts Unicode code points into Article.text (Python string
 * indices; see annotations/anchoring.py). The DOM counts UTF-16 code units
 * (Range offsets, String.length), so "🙂" is 1 code point but 2 units. The
 * conversion lives in exactly two functions, one each way:
 * utf16ToCodePoint and codePointToUtf16. Everything else in the UI works in
 * UTF-16 and converts only at the API boundary.
 *
 * Positions in the page are measured over the text nodes under a root element
 * (the <article>), summing their UTF-16 lengths in document order. Marks drawn
 * over the text only split text nodes, so the sum is the same before and after
 * drawing; nothing else (badges are CSS ::after content) adds text.
 */

const isHighSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit) => unit >= 0xdc00 && unit <= 0xdfff;

/** UTF-16 offset into `text` -> code-point offset. Throws RangeError inside a surrogate pair. */
export function utf16ToCodePoint(text, utf16Offset) {
  if (!Number.isInteger(utf16Offset) || utf16Offset < 0 || utf16Offset > text.length) {
    throw new RangeError(`UTF-16 offset ${utf16Offset} is outside the text.`);
  }
  let codePoints = 0;
  for (let unit = 0; unit < utf16Offset; unit += 1) {
    if (isHighSurrogate(text.charCodeAt(unit)) && isLowSurrogate(text.charCodeAt(unit + 1))) {
      if (unit + 1 === utf16Offset) throw new RangeError("The offset splits a character in two.");
      unit += 1;
    }
    codePoints += 1;
  }
  return codePoints;
}

/** Code-point offset into `text` -> UTF-16 offset. Throws RangeError past the end. */
export function codePointToUtf16(text, codePointOffset) {
  if (!Number.isInteger(codePointOffset) || codePointOffset < 0) {
    throw new RangeError(`Code-point offset ${codePointOffset} is not valid.`);
  }
  let unit = 0;
  for (let codePoint = 0; codePoint < codePointOffset; codePoint += 1) {
    if (unit >= text.length) {
      throw new RangeError(`Code-point offset ${codePointOffset} is past the end of the text.`);
    }
    unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
  }
  return unit;
}

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

/** UTF-16 units of `root`'s text before the boundary point (container, offset). */
export function boundaryOffset(root, container, offset) {
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(container, offset);
  // The text from root's start to the boundary, counted by the browser in one call:
  // walking every text node (one per mark fragment) made each selection change cost
  // thousands of range comparisons on an article with thousands of claims.
  return before.toString().length;
}

/**
 * {start, end} in UTF-16 units for the part of `range` inside `root`, or null
 * when the range does not cover any of root's text.
 */
export function rangeOffsets(root, range) {
  const whole = document.createRange();
  whole.selectNodeContents(root);
  if (
    range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0 ||
    range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0
  ) {
    return null; // the range ends before root starts, or starts after it ends
  }
  const clipped = range.cloneRange();
  if (clipped.compareBoundaryPoints(Range.START_TO_START, whole) < 0) {
    clipped.setStart(whole.startContainer, whole.startOffset);
  }
  if (clipped.compareBoundaryPoints(Range.END_TO_END, whole) > 0) {
    clipped.setEnd(whole.endContainer, whole.endOffset);
  }
  const start = boundaryOffset(root, clipped.startContainer, clipped.startOffset);
  const end = boundaryOffset(root, clipped.endContainer, clipped.endOffset);
  return end > start ? { start, end } : null;
}

/** A DOM Range over root's text from UTF-16 `start` to `end` (the inverse of rangeOffsets). */
export function rangeFromOffsets(root, start, end) {
  const range = document.createRange();
  range.selectNodeContents(root);
  let seen = 0;
  let startSet = false;
  for (const node of textNodes(root)) {
    if (!startSet && start <= seen + node.length) {
      range.setStart(node, start - seen);
      startSet = true;
    }
    if (startSet && end <= seen + node.length) {
      range.setEnd(node, end - seen);
      break;
    }
    seen += node.length;
  }
  return range;
}
