import type { BankHoliday } from '../domain/calendar/working-day-calendar.js';
import type { Db } from './database.js';

/** Bank holidays an administrator added beyond the shipped list. */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<BankHoliday[]> {
    return this.db.selectFrom('bankHolidays').select(['date', 'name']).orderBy('date').execute();
  }

  async add(holiday: BankHoliday): Promise<void> {
    await this.db
      .insertInto('bankHolidays')
      .values({ ...holiday, source: 'admin' })
      .onConflict((oc) => oc.column('date').doUpdateSet({ name: holiday.name }))
      .execute();
  }

  async remove(date: string): Promise<boolean> {
    const r = await this.db.deleteFrom('bankHolidays').where('date', '=', date).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }
}
