// Items of datasets, as actors use them: push (a JSON object or an array of objects) and get (a JSON array, with the
// X-Apify-Pagination-* headers). The dataset id is the secret: reading needs no token; pushing needs the owner's token.
import type { FastifyInstance } from 'fastify';
import { invalidInput, recordNotFound } from '../errors.ts';
import { JSON_CONTENT_TYPE } from '../http/json-content-type.ts';
import { queryBoolean, queryInteger } from '../http/query.ts';
import { pushItems } from '../state/storages.ts';
import type { Dataset } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';
import { requireOwner } from './lookup.ts';

const datasetParams = { type: 'object', required: ['datasetId'], properties: { datasetId: { type: 'string' } } } as const;

const listSchema = {
  params: datasetParams,
  querystring: { type: 'object', properties: { offset: queryInteger(0), limit: queryInteger(0), desc: queryBoolean } },
} as const;

interface ItemsQuery {
  offset?: number;
  limit?: number;
  desc?: boolean;
}

export async function datasetRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  const config = { rateLimitPerParam: 'datasetId' } as const;

  app.get<{ Params: { datasetId: string }; Querystring: ItemsQuery }>(
    '/:datasetId/items',
    { schema: listSchema, config: { ...config, auth: 'optional' } },
    async (request, reply) => {
      const dataset = findDataset(context, request.params.datasetId);
      const { offset = 0, desc = false } = request.query;
      const total = dataset.items.length;
      const limit = request.query.limit === undefined || request.query.limit === 0 ? total : request.query.limit;
      const ordered = desc ? [...dataset.items].reverse() : dataset.items;
      const page = ordered.slice(offset, offset + limit);
      return reply
        .headers({
          'x-apify-pagination-offset': String(offset),
          'x-apify-pagination-limit': String(limit),
          'x-apify-pagination-count': String(page.length),
          'x-apify-pagination-total': String(total),
          'x-apify-pagination-desc': String(desc),
        })
        .type(JSON_CONTENT_TYPE)
        .send(Buffer.from(`[${page.join(',')}]`));
    },
  );

  app.post<{ Params: { datasetId: string } }>(
    '/:datasetId/items',
    { schema: { params: datasetParams }, config: { ...config, rateLimit: 'high' } },
    async (request, reply) => {
      const dataset = findDataset(context, request.params.datasetId);
      requireOwner(request, dataset);
      pushItems(context.state, dataset, itemsOf(request.body));
      return reply.code(201).send();
    },
  );
}

function findDataset(context: EmulatorContext, datasetId: string): Dataset {
  const dataset = context.state.datasets.get(datasetId);
  if (dataset === undefined) throw recordNotFound('Dataset');
  return dataset;
}

function itemsOf(body: unknown): unknown[] {
  const items = Array.isArray(body) ? body : [body];
  items.forEach((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw invalidInput(`Dataset items must be JSON objects; item ${index} is ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`);
    }
  });
  return items;
}
