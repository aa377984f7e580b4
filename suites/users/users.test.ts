import { check } from '../../common/check.ts';
import { expectBody, expectThat } from '../support/expect.ts';
import { useTarget } from '../support/target.ts';

// Users: the private data of the token's user, and another user's public data without private members.
const target = useTarget();
const { api, second } = target;
const PRIVATE_MEMBERS = ['email', 'proxy', 'token', 'limits', 'plan'];

interface UserData {
  id?: string;
  username: string;
  [member: string]: unknown;
}

check(
  {
    id: 'users.me-is-token-user',
    title: "users/me answers the token's own user: each token its own account",
    spec: 'spec/09-users.apib#private-data',
    features: ['users'],
    tags: ['read-only'],
  },
  async () => {
    const mine = expectBody<UserData>(await api.request({ path: '/v2/users/me' }), 200, 'user-private-response');
    const theirs = expectBody<UserData>(await second!.api.request({ path: '/v2/users/me' }), 200, 'user-private-response');
    expectThat(mine.id !== theirs.id && mine.username !== theirs.username, 'two different accounts', `both ${mine.username} (${mine.id})`);
  },
  { skipUnless: { condition: second !== undefined, reason: 'no second user (APIFY_TOKEN_2)' } },
);

check(
  {
    id: 'users.public-data-without-private',
    title: "another user's public data, by username and by id, carry the username and profile and nothing private",
    spec: 'spec/09-users.apib#public-data',
    features: ['users'],
    tags: ['read-only'],
  },
  async () => {
    const me = expectBody<UserData>(await api.request({ path: '/v2/users/me' }), 200, 'user-private-response');
    for (const reference of [me.username, String(me.id)]) {
      const response = await second!.api.request({ path: `/v2/users/${encodeURIComponent(reference)}` });
      const user = expectBody<UserData>(response, 200, 'user-public-response');
      const leaked = PRIVATE_MEMBERS.filter((member) => member in user);
      expectThat(
        user.username === me.username && leaked.length === 0,
        `${me.username} without ${PRIVATE_MEMBERS.join(', ')}`,
        `${user.username} with ${leaked.join(', ') || 'nothing private'}`,
        response,
      );
    }
  },
  { skipUnless: { condition: second !== undefined, reason: 'no second user (APIFY_TOKEN_2)' } },
);
