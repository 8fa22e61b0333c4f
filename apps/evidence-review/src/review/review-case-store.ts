import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@gbt/event-store';
import { DomainRefusal } from '@gbt/platform';
import { latestCycle, type ReviewCycle } from './review-cycles';
import { ReviewCase } from './review-case.model';
import { ReviewOrganisation } from './review-organisation.model';

/** The cases the review knows of (the `review_cases` read model) and their organisations' names (`review_organisations`); every read and write is by `_id`. */
@Injectable()
export class ReviewCaseStore {
  constructor(
    @InjectModel(ReviewCase.name) private readonly cases: Model<ReviewCase>,
    @InjectModel(ReviewOrganisation.name) private readonly organisations: Model<ReviewOrganisation>,
  ) {}

  /** An organisation's name, outlets and headcount as registered or last changed. */
  async recordOrganisation(organisationId: string, details: Omit<ReviewOrganisation, '_id'>): Promise<void> {
    const { name, outlets, employees } = details;
    await this.organisations.updateOne({ _id: organisationId }, { $set: { name, outlets, ...(employees === undefined ? {} : { employees }) }, ...(employees === undefined ? { $unset: { employees: 1 } } : {}) }, { upsert: true });
  }

  async organisation(organisationId: string): Promise<ReviewOrganisation | null> {
    return this.organisations.findById(organisationId).lean();
  }

  /** The organisation's name, if its registration reached this service; null otherwise. */
  async organisationName(organisationId: string): Promise<string | null> {
    return (await this.organisations.findById(organisationId).lean())?.name ?? null;
  }

  async get(caseId: string): Promise<ReviewCase | null> {
    return this.cases.findById(caseId).lean();
  }

  /** A drafted case, once: its redelivered draft changes nothing. */
  async register(caseId: string, organisationId: string, catalogueVersion: string, productCategories: readonly string[]): Promise<void> {
    try {
      await this.cases.create({ _id: caseId, organisationId, catalogueVersion, conflicts: [], productCategories: [...productCategories] });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /** The scope's product categories after an edit or a scope change: later claims are judged against them. */
  async setProductCategories(caseId: string, productCategories: readonly string[]): Promise<void> {
    await this.cases.updateOne({ _id: caseId }, { $set: { productCategories: [...productCategories] } });
  }

  async addConflict(caseId: string, personId: string): Promise<void> {
    await this.cases.updateOne({ _id: caseId }, { $addToSet: { conflicts: personId } });
  }

  /** Records a recertification started at that lifecycle version (once) and answers the case as it is now. */
  async addRecertification(caseId: string, lifecycleVersion: number): Promise<ReviewCase | null> {
    await this.cases.updateOne({ _id: caseId }, { $addToSet: { recertifications: lifecycleVersion } });
    return this.get(caseId);
  }

  /** Records a surveillance falling due at that lifecycle version (once). */
  async addSurveillanceDue(caseId: string, lifecycleVersion: number): Promise<void> {
    await this.cases.updateOne({ _id: caseId }, { $addToSet: { surveillancesDue: lifecycleVersion } });
  }

  /** Marks surveillance plans closed (each once): their site visits are neither due nor recorded any more. */
  async closeSurveillances(caseId: string, planIds: readonly string[]): Promise<void> {
    for (const planId of planIds) await this.cases.updateOne({ _id: caseId }, { $addToSet: { surveillancesClosed: planId } });
  }

  /** The case's cycle under way (or last finished): 1 until a recertification starts; the one case-level requests act on. */
  async currentCycle(caseId: string): Promise<ReviewCycle> {
    const known = await this.cases.findById(caseId, { recertifications: 1 }).lean();
    return { caseId, cycle: latestCycle(known?.recertifications ?? []) };
  }

  /** Whether a person has a declared conflict of interest with this case's applicant. */
  async conflicted(caseId: string, personId: string): Promise<boolean> {
    const known = await this.cases.findById(caseId, { conflicts: 1 }).lean();
    return known?.conflicts.includes(personId) ?? false;
  }

  /** Evaluation work is refused to anyone with a declared conflict of interest with the applicant. */
  async assertNotConflicted(caseId: string, personId: string): Promise<void> {
    if (await this.conflicted(caseId, personId)) {
      throw new DomainRefusal('ConflictOfInterest', `${personId} has a declared conflict of interest with this applicant and cannot take part`, 403);
    }
  }
}
