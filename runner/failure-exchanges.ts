import type { RecordedExchange } from './exchanges/exchange.ts';
import { type CheckResult, type Exchange, isFailing } from './results.ts';

/** How much of a body the report shows. */
const SHOWN_BODY = 4000;

/**
 * Gives each failing suite check the request and response that show why: the one its message names
 * (`request: METHOD URL`), else its last exchange; for a check whose file's set-up failed, the set-up's last
 * unsuccessful exchange. Dredd's transactions carry their own.
 */
export function attachExchanges(checks: CheckResult[], exchanges: RecordedExchange[]): CheckResult[] {
  const byCheck = new Map<string, RecordedExchange[]>();
  const setUpBySource = new Map<string, RecordedExchange[]>();
  for (const exchange of exchanges) {
    if (exchange.layer !== 'vitest') continue;
    const [map, key] = exchange.checkId ? [byCheck, exchange.checkId] : [setUpBySource, exchange.source];
    map.set(key, [...(map.get(key) ?? []), exchange]);
  }
  return checks.map((check) => {
    if (check.layer !== 'vitest' || check.exchange || !isFailing(check.status)) return check;
    const own = byCheck.get(check.id) ?? [];
    const named = /request: (\S+) (\S+)/.exec(check.message);
    const chosen =
      (named && [...own].reverse().find((e) => e.method === named[1] && named[2]!.endsWith(e.url))) ??
      own[own.length - 1] ??
      setUpFailure(check, setUpBySource);
    return chosen ? { ...check, exchange: toReportExchange(chosen) } : check;
  });
}

function setUpFailure(check: CheckResult, setUpBySource: Map<string, RecordedExchange[]>): RecordedExchange | undefined {
  if (!check.message.startsWith("a set-up step of this check's file failed")) return undefined;
  const candidates = (setUpBySource.get(check.file ?? '') ?? []).filter((e) => e.error !== undefined || (e.status ?? 0) >= 400);
  return candidates[candidates.length - 1];
}

function toReportExchange(exchange: RecordedExchange): Exchange {
  return {
    request: {
      method: exchange.method,
      uri: exchange.url,
      headers: exchange.requestContentType ? { 'content-type': exchange.requestContentType } : {},
      body: cut(exchange.requestBody),
    },
    actual:
      exchange.status === undefined
        ? { body: `no response: ${exchange.error ?? 'unknown'}` }
        : { statusCode: exchange.status, headers: exchange.responseHeaders, body: cut(exchange.responseBody) },
  };
}

function cut(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= SHOWN_BODY) return text;
  return `${text.slice(0, SHOWN_BODY)}\n... (${text.length - SHOWN_BODY} more characters)`;
}
