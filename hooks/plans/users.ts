import { requireData } from '../../common/fixtures/require-response.ts';
import { setPathParams } from '../lib/request-rewrite.ts';
import type { TransactionPlan } from './plan.ts';

export const userPlans = {
  'Public data > Get public user data': {
    // The token's own user, by id (read from Get private user data).
    async prepare(transaction, fixtures) {
      const response = await fixtures.session.context.api.request({ path: '/v2/users/me' });
      const me = requireData<{ id: string }>(response, 200, 'Reading the token user');
      setPathParams(transaction, '/v2/users/{userId}', { userId: me.id });
    },
  },

  'Private data > Get private user data': {
    // The documented request as is: the token names the user.
    async prepare() {},
  },
} satisfies Record<string, TransactionPlan>;
