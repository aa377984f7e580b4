// Users: the public data of any user by id or username (no token needed), and the private data of the token's user.
import type { FastifyInstance } from 'fastify';
import { recordNotFound } from '../errors.ts';
import { callerOf } from '../http/auth.ts';
import type { User } from '../state/types.ts';
import type { EmulatorContext, RoutePluginOptions } from './context.ts';

function profileOf(user: User) {
  return { name: user.username, bio: null, pictureUrl: null, githubUsername: null, websiteUrl: null, twitterUsername: null };
}

function publicView(context: EmulatorContext, user: User) {
  // Fault user-public-data-leaks-private: the public profile is answered with the private data.
  if (context.faults.has('user-public-data-leaks-private')) return privateView(user);
  return { username: user.username, profile: profileOf(user) };
}

function privateView(user: User) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    profile: profileOf(user),
    proxy: { password: user.proxyPassword, groups: [] },
    plan: null,
  };
}

/** /v2/users */
export async function userRoutes(app: FastifyInstance, { context }: RoutePluginOptions): Promise<void> {
  app.get('/me', async (request) => {
    const caller = callerOf(request);
    // Fault users-me-is-first-user: `me` is always the first user, whoever the token belongs to.
    const user = context.faults.has('users-me-is-first-user') ? (context.state.users[0] ?? caller) : caller;
    return { data: privateView(user) };
  });

  app.get<{ Params: { userId: string } }>(
    '/:userId',
    { schema: { params: { type: 'object', required: ['userId'], properties: { userId: { type: 'string', minLength: 1 } } } }, config: { auth: 'optional' } },
    async (request) => {
      const { userId } = request.params;
      const user = context.state.userById(userId) ?? context.state.userByName(userId);
      if (user === undefined) throw recordNotFound('User');
      return { data: publicView(context, user) };
    },
  );
}
