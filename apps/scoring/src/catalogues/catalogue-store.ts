import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { catalogueVersions, getCatalogue, loadCatalogue, type Catalogue } from '@gbt/catalogue';
import { ContractViolation } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { DomainRefusal } from '@gbt/platform';
import { PublishedCatalogue } from './published-catalogue.model';

/**
 * The built-in catalogue versions plus those a certification body publishes. A published version
 * is validated on the way in and never changed afterwards, so every scorecard pinned to it can be
 * reproduced exactly.
 */
@Injectable()
export class CatalogueStore implements OnApplicationBootstrap {
  private readonly loaded = new Map<string, Catalogue>();

  constructor(@InjectModel(PublishedCatalogue.name) private readonly published: Model<PublishedCatalogue>) {}

  /** Published versions are few and read on every scoring: all are loaded once, at start. */
  async onApplicationBootstrap(): Promise<void> {
    for (const doc of await this.published.find({}).lean()) this.loaded.set(doc._id, loadCatalogue(doc.data));
  }

  async get(version: string): Promise<Catalogue | undefined> {
    const builtIn = getCatalogue(version);
    if (builtIn) return builtIn;
    if (!this.loaded.has(version)) {
      const doc = await this.published.findById(version).lean();
      if (doc) this.loaded.set(version, loadCatalogue(doc.data));
    }
    return this.loaded.get(version);
  }

  /** The version, or a refusal naming it when it is not published. */
  async require(version: string): Promise<Catalogue> {
    const catalogue = await this.get(version);
    if (!catalogue) throw new DomainRefusal('UnknownCatalogueVersion', `catalogue version ${version} is not published`, 422);
    return catalogue;
  }

  async versions(): Promise<string[]> {
    const published = await this.published.find({}, { _id: 1 }).lean();
    return [...catalogueVersions, ...published.map((d) => d._id)];
  }

  async publish(data: unknown, publishedBy: string, at: Date): Promise<Catalogue> {
    let catalogue: Catalogue;
    try {
      catalogue = loadCatalogue(data);
    } catch (err) {
      const problems = (err as { problems?: readonly string[] }).problems;
      if (problems) throw new ContractViolation('invalid catalogue', [...problems]);
      throw err;
    }
    if (getCatalogue(catalogue.version)) throw new DomainRefusal('CatalogueVersionExists', `catalogue version ${catalogue.version} is built in`, 409);
    try {
      await this.published.create({ _id: catalogue.version, data, publishedBy, publishedAt: at });
    } catch (err) {
      if (isDuplicateKeyError(err)) {
        throw new DomainRefusal('CatalogueVersionExists', `catalogue version ${catalogue.version} is already published; publish changes as a new version`, 409);
      }
      throw err;
    }
    this.loaded.set(catalogue.version, catalogue);
    return catalogue;
  }
}
