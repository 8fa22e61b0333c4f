import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { catalogueVersions, getCatalogue, loadCatalogue, type Catalogue } from '@gbt/catalogue';
import { ContractViolation } from '@gbt/contracts';
import { isDuplicateKeyError } from '@gbt/event-store';
import { DomainRefusal, MONGO_DB } from '@gbt/platform';

interface PublishedCatalogue {
  _id: string;
  data: unknown;
  publishedBy: string;
  publishedAt: Date;
}

/**
 * The built-in catalogue versions plus those a certification body publishes. A published version
 * is validated on the way in and never changed afterwards, so every scorecard pinned to it can be
 * reproduced exactly.
 */
@Injectable()
export class CatalogueStore implements OnApplicationBootstrap {
  private readonly published: Collection<PublishedCatalogue>;
  private readonly loaded = new Map<string, Catalogue>();

  constructor(@Inject(MONGO_DB) db: Db) {
    this.published = db.collection<PublishedCatalogue>('catalogues');
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const doc of await this.published.find({}).toArray()) this.loaded.set(doc._id, loadCatalogue(doc.data));
  }

  async get(version: string): Promise<Catalogue | undefined> {
    const builtIn = getCatalogue(version);
    if (builtIn) return builtIn;
    if (!this.loaded.has(version)) {
      const doc = await this.published.findOne({ _id: version });
      if (doc) this.loaded.set(version, loadCatalogue(doc.data));
    }
    return this.loaded.get(version);
  }

  async versions(): Promise<string[]> {
    const published = await this.published.find({}, { projection: { _id: 1 } }).toArray();
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
      await this.published.insertOne({ _id: catalogue.version, data, publishedBy, publishedAt: at });
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
