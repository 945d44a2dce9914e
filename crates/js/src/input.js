// What `input.rs` asks of an argument in one call that returns a plain
// number (wasm-bindgen's `as_f64` returns through the memory, which costs
// more than the question on every `evaluate`).

/**
 * A request argument as a saved request's index: the index when it is a
 * whole number from 0 to 2^32 - 1, -1 when it is no number at all, -2
 * when it is a number but no index.
 */
export function savedIndex(value) {
  if (typeof value !== "number") return -1;
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : -2;
}
