// Formats of ids and dates (spec/00-overview.apib#requests-and-responses).

/** APIFY_ID_REGEX: 17 alphanumeric characters. */
export const ID_PATTERN = /^[a-zA-Z0-9]{17}$/;

/** ISO-8601 UTC with milliseconds and Z. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
