// Datasets: the collection and the dataset object (routes/storages.ts), and items: push (a JSON object or an array of
// objects, all or nothing) and get (item-selection.ts, in any format of formats/, with the X-Apify-Pagination-*
// headers). Reading needs no token; pushing needs the owner's token.
import type { FastifyInstance } from 'fastify';
import { invalidInput, invalidParameter, invalidRequest } from '../errors.ts';
import { ITEM_FORMATS, isItemFormat, renderItems } from '../formats/index.ts';
import { queryBoolean, queryInteger, queryString } from '../http/query.ts';
import { createDataset, pushItems, touchStorage } from '../state/storages.ts';
import type { Dataset } from '../state/types.ts';
import type { RoutePluginOptions } from './context.ts';
import { selectItems } from './item-selection.ts';
import { requireOwner } from './lookup.ts';
import { findStorage, registerStorageRoutes, type StorageKind } from './storages.ts';
import { datasetView } from './views.ts';

/** X-Apify-Pagination-Limit when the request sets no limit: every item is returned (apify-client reads it as "none"). */
export const NO_LIMIT = 999_999_999_999;

const itemsQuerySchema = {
  type: 'object',
  properties: {
    format: queryString,
    offset: queryInteger(0),
    limit: queryInteger(0),
    desc: queryBoolean,
    fields: queryString,
    omit: queryString,
    unwind: queryString,
    clean: queryBoolean,
    skipHidden: queryBoolean,
    skipEmpty: queryBoolean,
    attachment: queryBoolean,
    bom: queryBoolean,
    delimiter: queryString,
    skipHeaderRow: queryBoolean,
    xmlRoot: queryString,
    xmlRow: queryString,
  },
} as const;

interface ItemsQuery {
  format?: string;
  offset?: number;
  limit?: number;
  desc?: boolean;
  fields?: string;
  omit?: string;
  unwind?: string;
  clean?: boolean;
  skipHidden?: boolean;
  skipEmpty?: boolean;
  attachment?: boolean;
  bom?: boolean;
  delimiter?: string;
  skipHeaderRow?: boolean;
  xmlRoot?: string;
  xmlRow?: string;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function fieldList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const fields = value
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  return fields.length === 0 ? undefined : fields;
}

function xmlName(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!XML_NAME.test(value)) throw invalidParameter(`Parameter "${name}" must be an XML element name, got "${value}"`);
  return value;
}

export async function datasetRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const { faults } = context;
  const datasets: StorageKind<Dataset> = {
    what: 'Dataset',
    param: 'datasetId',
    storages: (state) => state.datasets,
    create: createDataset,
    // Fault ds-item-count-stale: itemCount stays what it was when the dataset was made.
    view: (dataset) => (faults.has('ds-item-count-stale') ? { ...datasetView(dataset), itemCount: 0 } : datasetView(dataset)),
    faults: {
      createExisting201: 'create-dataset-existing-201',
      listNotPaginated: 'datasets-list-not-paginated',
      updateAnswersNoData: 'update-dataset-no-data',
      delete200WithBody: 'delete-dataset-200-with-body',
    },
  };
  await registerStorageRoutes(app, context, datasets);

  const config = { rateLimitPerParam: 'datasetId' } as const;

  app.get<{ Params: { datasetId: string }; Querystring: ItemsQuery }>(
    '/:datasetId/items',
    { schema: { querystring: itemsQuerySchema }, config: { ...config, auth: 'optional' } },
    async (request, reply) => {
      const dataset = findStorage(context, request, datasets, request.params.datasetId);
      const query = request.query;
      // Fault ds-unknown-format-as-json: a format it does not know is answered as JSON.
      const asked = (query.format ?? 'json').toLowerCase();
      const format = !isItemFormat(asked) && context.faults.has('ds-unknown-format-as-json') ? 'json' : asked;
      if (!isItemFormat(format)) throw invalidParameter(`Parameter "format" must be one of ${Object.keys(ITEM_FORMATS).join(', ')}, got "${query.format}"`);
      const delimiter = query.delimiter ?? ',';
      if (delimiter.length !== 1) throw invalidParameter(`Parameter "delimiter" must be one character, got "${delimiter}"`);
      const offset = query.offset ?? 0;
      const limit = query.limit === undefined || query.limit === 0 ? undefined : query.limit;
      const desc = query.desc ?? false;
      const { items, windowSize } = selectItems(
        dataset.items,
        {
          offset,
          limit,
          desc,
          fields: fieldList(query.fields),
          omit: fieldList(query.omit),
          unwind: query.unwind === '' ? undefined : query.unwind,
          skipHidden: query.clean === true || query.skipHidden === true,
          skipEmpty: query.clean === true || query.skipEmpty === true,
        },
        faults,
      );
      const body = renderItems(format, items, {
        bom: query.bom,
        delimiter,
        // Fault ds-csv-header-dropped: csv comes without its header row, whatever was asked.
        skipHeaderRow: (query.skipHeaderRow ?? false) || context.faults.has('ds-csv-header-dropped'),
        // Fault ds-xml-root-ignored: the root element is always <items>.
        xmlRoot: faults.has('ds-xml-root-ignored') ? 'items' : xmlName('xmlRoot', query.xmlRoot, 'items'),
        xmlRow: xmlName('xmlRow', query.xmlRow, 'item'),
        dataset: { id: dataset.id, name: dataset.name, url: `${context.baseUrl()}${app.prefix}/${dataset.id}` },
      });
      touchStorage(context.state, dataset);
      if (query.attachment === true) reply.header('content-disposition', `attachment; filename="dataset_${dataset.name ?? dataset.id}.${format}"`);
      return reply
        .headers({
          'x-apify-pagination-offset': String(offset),
          'x-apify-pagination-limit': String(limit ?? NO_LIMIT),
          'x-apify-pagination-count': String(windowSize),
          // Fault ds-pagination-total-is-count: the total counts only the window.
          'x-apify-pagination-total': String(faults.has('ds-pagination-total-is-count') ? windowSize : dataset.items.length),
          'x-apify-pagination-desc': String(desc),
        })
        .type(ITEM_FORMATS[format])
        .send(body);
    },
  );

  app.post<{ Params: { datasetId: string } }>('/:datasetId/items', { config: { ...config, rateLimit: 'high' } }, async (request, reply) => {
    const dataset = findStorage(context, request, datasets, request.params.datasetId);
    requireOwner(request, dataset);
    if (request.body === undefined) throw invalidRequest('The request body must be a JSON object or an array of objects, got an empty body');
    pushItems(context.state, dataset, itemsOf(request.body, faults.has('ds-push-partial-on-error') ? dataset : undefined, context.state));
    // Fault put-items-no-location: the 201 says nothing about where the items are.
    if (!faults.has('put-items-no-location')) reply.header('location', `${context.baseUrl()}${app.prefix}/${dataset.id}/items`);
    return reply.code(201).send({});
  });
}

/**
 * The items of a push: an object, or an array of objects. Anything else is refused before anything is stored; under
 * the fault ds-push-partial-on-error, the items before a bad one are stored first (into `partialInto`).
 */
function itemsOf(body: unknown, partialInto: Dataset | undefined, state: Parameters<typeof pushItems>[0]): Record<string, unknown>[] {
  const items: unknown[] = Array.isArray(body) ? body : [body];
  const accepted: Record<string, unknown>[] = [];
  items.forEach((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (partialInto !== undefined) pushItems(state, partialInto, accepted);
      throw invalidInput(`Dataset items must be JSON objects; item ${index} is ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`);
    }
    accepted.push(item as Record<string, unknown>);
  });
  return accepted;
}
