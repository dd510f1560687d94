/**
 * A whole number with thousands separators, as toLocaleString("en") writes it, without it: the
 * first toLocaleString in an isolate builds a number formatter, about 3 ms of a first request.
 */
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
