import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actingRole, CurrentUser, ROLES, STAFF_ROLES, type Principal } from '@gbt/auth';
import { calendarDateSchema, RELATION_KINDS } from '@gbt/contracts';
import { CLOCK, contextNow, openApiSchema, parseInput, type Clock } from '@gbt/platform';
import { Onboarding } from '../accounts/onboarding';
import { checkPasswordPolicy } from '../accounts/passwords';
import { PEOPLE, type People } from './people.aggregate';
import { StaffRoster } from './staff-roster';
import { ChangePerson, normaliseEmail, RegisterPerson } from './people-commands';
import type { PersonCommand } from './person.decider';

const name = z.string().trim().min(1).max(100);
const reason = z.string().trim().min(1, 'say why').max(4_000);
const staffRoles = z.array(z.enum(STAFF_ROLES as [string, ...string[]])).min(1).max(STAFF_ROLES.length);
const newStaff = z.strictObject({ name, email: z.string().trim().toLowerCase().email().max(200), roles: staffRoles, password: z.string().min(1).max(1_000).optional() });
const renaming = z.strictObject({ name });
const roles = z.strictObject({ roles: z.array(z.enum(ROLES)).max(ROLES.length) });
const because = z.strictObject({ reason });
const nothing = z.strictObject({});
const qualification = z.strictObject({
  productCategories: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
  registrationNumber: z.string().trim().min(1).max(100),
  validFrom: calendarDateSchema,
  validUntil: calendarDateSchema,
});
const relation = z.strictObject({
  organisationId: z.string().trim().min(1).max(200),
  kind: z.enum(RELATION_KINDS),
  description: z.string().trim().min(1).max(4_000).optional(),
  from: calendarDateSchema,
  until: calendarDateSchema.optional(),
});

type Change = Exclude<PersonCommand, { type: 'register' }>;

/** The administrator's side of the directory: staff, their roles, competence and declared relations; every change an event with who and when. */
@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class PeopleController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PEOPLE) private readonly people: People,
    @Inject(Onboarding) private readonly onboarding: Onboarding,
    @Inject(StaffRoster) private readonly roster: StaffRoster,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('staff')
  @ApiOperation({ summary: 'Add a staff member; without a password they get a mail to set one' })
  @ApiBody({ schema: openApiSchema(newStaff) })
  async addStaff(@CurrentUser() me: Principal, @Body() body: unknown) {
    const input = parseInput(newStaff, body);
    if (input.password !== undefined) checkPasswordPolicy(input.password, input.email);
    const written = await this.commands.execute(new RegisterPerson({ ...input, roles: input.roles as Principal['roles'] }, this.context(me)));
    if (input.password === undefined) await this.onboarding.welcome(written.personId, normaliseEmail(input.email));
    return written;
  }

  @Get('staff')
  @ApiOperation({ summary: "The body's staff: roles, status and qualifications (for expiry warnings), by name" })
  async staff() {
    return { staff: await this.roster.list() };
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in person as the directory knows them' })
  me(@CurrentUser() me: Principal) {
    return this.person(me.id);
  }

  @Get('people/:personId')
  @ApiOperation({ summary: "A person: roles, status, qualifications and declared relations" })
  person(@Param('personId') personId: string) {
    return this.load(personId).then(({ state, version }) => ({ ...state, version }));
  }

  @Get('people/:personId/history')
  @ApiOperation({ summary: "Every change of a person, with who made it and when" })
  async history(@Param('personId') personId: string) {
    const { events } = await this.load(personId);
    return events.map((e) => ({ version: e.streamVersion, type: e.type, occurredAt: e.occurredAt, actor: e.actor, data: e.data }));
  }

  @Put('people/:personId/name')
  @ApiOperation({ summary: 'Rename a person' })
  @ApiBody({ schema: openApiSchema(renaming) })
  rename(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'rename', ...parseInput(renaming, body), by: me.id });
  }

  @Put('people/:personId/roles')
  @ApiOperation({ summary: "Set a person's roles; their next access token carries them" })
  @ApiBody({ schema: openApiSchema(roles) })
  setRoles(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'change-roles', roles: parseInput(roles, body).roles, by: me.id });
  }

  @Post('people/:personId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a person: their refresh tokens stop at once, access tokens within minutes' })
  @ApiBody({ schema: openApiSchema(because) })
  disable(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'disable', ...parseInput(because, body), by: me.id });
  }

  @Post('people/:personId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled person again' })
  @ApiBody({ schema: openApiSchema(nothing) })
  enable(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    parseInput(nothing, body ?? {});
    return this.change(me, personId, { type: 'enable', by: me.id });
  }

  @Post('people/:personId/removal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a person for good; the record stays for the history of what they did' })
  @ApiBody({ schema: openApiSchema(because) })
  remove(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'remove', ...parseInput(because, body), by: me.id });
  }

  @Post('people/:personId/qualifications')
  @ApiOperation({ summary: 'Record a qualification: the product categories a staff member may review or decide, and until when' })
  @ApiBody({ schema: openApiSchema(qualification) })
  async qualify(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    const qualificationId = `qualification-${randomUUID()}`;
    return { qualificationId, ...(await this.change(me, personId, { type: 'record-qualification', qualificationId, ...parseInput(qualification, body), by: me.id })) };
  }

  @Post('people/:personId/qualifications/:qualificationId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a qualification' })
  @ApiBody({ schema: openApiSchema(because) })
  withdraw(@CurrentUser() me: Principal, @Param('personId') personId: string, @Param('qualificationId') qualificationId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'withdraw-qualification', qualificationId, ...parseInput(because, body), by: me.id });
  }

  @Post('people/:personId/relations')
  @ApiOperation({ summary: 'Declare a relation (employment, consultancy, family, ...) to an organisation, with its dates' })
  @ApiBody({ schema: openApiSchema(relation) })
  async declare(@CurrentUser() me: Principal, @Param('personId') personId: string, @Body() body: unknown) {
    const relationId = `relation-${randomUUID()}`;
    const declaredAt = this.clock.now().toISOString();
    return { relationId, ...(await this.change(me, personId, { type: 'declare-relation', relationId, declaredAt, ...parseInput(relation, body), by: me.id })) };
  }

  @Post('me/relations')
  @ApiOperation({ summary: "Declare one's own relation to an organisation (staff): it counts at once against judging its cases; only an administrator can retract it" })
  @ApiBody({ schema: openApiSchema(relation) })
  declareMine(@CurrentUser() me: Principal, @Body() body: unknown) {
    return this.declare(me, me.id, body);
  }

  @Post('people/:personId/relations/:relationId/retraction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a relation entered by mistake (an ended relation is declared again with its end date)' })
  @ApiBody({ schema: openApiSchema(because) })
  retract(@CurrentUser() me: Principal, @Param('personId') personId: string, @Param('relationId') relationId: string, @Body() body: unknown) {
    return this.change(me, personId, { type: 'retract-relation', relationId, ...parseInput(because, body), by: me.id });
  }

  private change(me: Principal, personId: string, change: Change) {
    return this.commands.execute(new ChangePerson({ personId, change }, this.context(me)));
  }

  private context(me: Principal) {
    return contextNow({ id: me.id, role: actingRole(me) }, this.clock);
  }

  private async load(personId: string) {
    const loaded = await this.people.load(personId);
    if (loaded.version === 0) throw new NotFoundException(`no person ${personId}`);
    return loaded;
  }
}
