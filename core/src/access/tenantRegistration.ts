import { v7 as uuidv7 } from 'uuid';
import { ConflictError } from '../errors.ts';
import type { TenantDatabase, TenantTransaction } from '../database/tenantDatabase.ts';
import { isUniqueViolation } from '../database/databaseError.ts';
import { eventOf, type CommandContext } from './commandContext.ts';
import { hashPassword } from './passwords.ts';

export interface NewTenant {
  companyName: string;
  /** A checked, canonical Polish tax id. */
  taxId: string;
  name: string;
  email: string;
  password: string;
  language: 'pl' | 'en';
}

export interface RegisteredTenant {
  tenantId: string;
  userId: string;
}

/** Creates a tenant with its first owner, a new person with that e-mail. */
export async function registerTenant(
  tenantDb: TenantDatabase,
  input: NewTenant,
  context: Omit<CommandContext, 'actor'>,
): Promise<RegisteredTenant> {
  const tenantId = uuidv7();
  const userId = uuidv7();
  const passwordHash = await hashPassword(input.password);
  const now = context.clock.now();
  const command = { ...context, actor: { kind: 'user' as const, id: userId } };

  try {
    return await tenantDb.transaction({ tenantId, userId }, async (tx) => {
      await tx.query(
        `INSERT INTO tenants (id, name, tax_id, language, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [tenantId, input.companyName, input.taxId, input.language, now],
      );
      await tx.query(
        `INSERT INTO users (id, email, name, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [userId, input.email, input.name, passwordHash, now],
      );
      await addMember(tx, command, tenantId, { userId, ...input, role: 'owner' });
      await tx.append(
        'tenant',
        [
          eventOf(command, tenantId, 'TenantRegistered', {
            name: input.companyName,
            taxId: input.taxId,
          }),
        ],
        'no_stream',
      );
      return { tenantId, userId };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      throw new ConflictError('email_taken', 'An account with this e-mail exists; log in instead.');
    }
    throw error;
  }
}

export async function addMember(
  tx: TenantTransaction,
  context: CommandContext,
  tenantId: string,
  member: { userId: string; email: string; name: string; role: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO memberships (tenant_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)`,
    [tenantId, member.userId, member.role, context.clock.now()],
  );
  const { userId, email, name, role } = member;
  await tx.append(
    `member-${userId}`,
    [eventOf(context, tenantId, 'MemberJoined', { userId, email, name, role })],
    'any',
  );
}
