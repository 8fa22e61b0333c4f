import { MongoClient } from 'mongodb';
import { DEMO_USERS } from '@gbt/auth';

/**
 * Waits until every service holds every demo person in its read model of the directory's people
 * (`staff_competence`, read by `_id`): the services refuse tokens of people they do not know
 * (ADR 0034), and the directory seeds the demo people only as it starts, maybe moments ago.
 */
export async function waitForDemoPeople(mongoUri: string, databases: readonly string[], log: (line: string) => void, timeoutMs = 5 * 60_000): Promise<void> {
  const client = await new MongoClient(mongoUri).connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (const database of databases) {
      const people = client.db(database).collection<{ _id: string }>('staff_competence');
      for (const { id } of DEMO_USERS) {
        let told = false;
        while (!(await people.findOne({ _id: id }, { projection: { _id: 1 } }))) {
          if (Date.now() > deadline) throw new Error(`${database} has not learnt of the demo person ${id} from the directory after ${timeoutMs / 60_000} minutes`);
          if (!told) log(`waiting for ${database} to learn of the demo people from the directory ...`);
          told = true;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    }
  } finally {
    await client.close();
  }
}
