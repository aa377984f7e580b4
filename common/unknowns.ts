// Values no target has issued, for asking about what does not exist: the checks and the probe ask the same questions,
// so their answers are comparable.

/** A 17-character id no target has issued (ids are random alphanumerics; this one is all zeros). */
export const UNKNOWN_ID = '00000000000000000';

/** A token that belongs to nobody. */
export const NOBODYS_TOKEN = 'NotARealToken0000000000000';
