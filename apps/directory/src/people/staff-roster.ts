import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, type Model } from 'mongoose';
import { STAFF_ROLES } from '@gbt/auth';
import type { PersonState, Qualification } from './person.decider';

export interface StaffEntry {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: PersonState['roles'];
  readonly status: PersonState['status'];
  readonly qualifications: readonly Qualification[];
}

/**
 * The body's staff in one document (`_id` "staff"), for the administrator's list: a body has tens
 * or hundreds of staff, not the thousands of applicants, and one `_id` read lists them all
 * without a scan of the people (ADR 0022). Entries are keyed by the hex of the person id, since
 * ids may contain dots, which a field path cannot.
 */
@Schema({ collection: 'staff_roster', versionKey: false, strict: 'throw' })
export class StaffRosterDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true, default: {} })
  people!: Record<string, StaffEntry>;
}
export const StaffRosterSchema = SchemaFactory.createForClass(StaffRosterDocument);

const ROSTER_ID = 'staff';
const keyOf = (personId: string) => `people.${Buffer.from(personId, 'utf8').toString('hex')}`;

@Injectable()
export class StaffRoster {
  constructor(@InjectModel(StaffRosterDocument.name) private readonly roster: Model<StaffRosterDocument>) {}

  /** Puts a person's current state on the list, or takes them off it when they hold no staff role. */
  async record(person: PersonState): Promise<void> {
    if (!person.personId) return;
    const key = keyOf(person.personId);
    if (!person.roles.some((r) => STAFF_ROLES.includes(r))) {
      await this.roster.updateOne({ _id: ROSTER_ID }, { $unset: { [key]: '' } });
      return;
    }
    const entry: StaffEntry = { personId: person.personId, name: person.name, email: person.email, roles: person.roles, status: person.status, qualifications: Object.values(person.qualifications) };
    await this.roster.updateOne({ _id: ROSTER_ID }, { $set: { [key]: entry } }, { upsert: true });
  }

  /** Every staff member, removed ones included (their history stays readable), by name. */
  async list(): Promise<StaffEntry[]> {
    const document = await this.roster.findById(ROSTER_ID).lean();
    return Object.values(document?.people ?? {}).sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
  }
}
