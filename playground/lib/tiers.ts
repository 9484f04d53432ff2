// One colour per tier, by rank: the top tier hot red-orange, the bottom tier cool blue, the ones in
// between amber, purple, teal. The same colours in the table, the explanation and the histogram.
const TOP = ["#d9480f", "#c98a00", "#7048c6", "#0b7285", "#a61e4d"];
const BOTTOM = "#2b7bd6";
const UNKNOWN = "#5c6b7f";

export function tierColor(index: number, count: number): string {
  if (index < 0) return UNKNOWN;
  if (count >= 2 && index === count - 1) return BOTTOM;
  return TOP[index % TOP.length];
}
