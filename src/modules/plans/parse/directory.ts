import { validOn, type UnitVersion } from '../../org-units/model.ts';
import { fold } from './text.ts';

/**
 * The units a plan can name, read either from `data/org-units/` (the CLI, no database) or from the `org_unit`
 * table (the server). A plan is read as the map stood on its issue date: the nine districts of 2020, not
 * today's communes.
 */
export type UnitRecord = Pick<UnitVersion, 'code' | 'kind' | 'name' | 'shortName' | 'parentCode' | 'validFrom' | 'validTo' | 'groups'>;

/** Group tokens of the tracker (see GROUP_TOKENS in ../model.ts) and the commune level after 01/07/2025. */
export type GroupToken = '@districts' | '@agencies' | '@mass-orgs' | '@communes';

export interface UnitScope {
  issuer: UnitRecord;
  date: string;
  /** Agencies, associations and other non-administrative units directly under the issuer. */
  bodies: UnitRecord[];
  districts: UnitRecord[];
  communes: UnitRecord[];
  members(token: GroupToken): UnitRecord[];
}

const ADMIN_KINDS = new Set(['province', 'district', 'commune', 'hamlet']);

export class Directory {
  constructor(readonly units: readonly UnitRecord[]) {}

  /** Provinces and districts in force on a date whose name (without "Tỉnh", "Huyện" …) is `place`. */
  placesNamed(place: string, date: string): UnitRecord[] {
    const key = placeKey(place);
    return this.units.filter((u) => (u.kind === 'province' || u.kind === 'district') && validOn(u, date) && placeKey(u.name) === key);
  }

  scope(issuerCode: string, date: string): UnitScope | null {
    const issuer = this.units.find((u) => u.code === issuerCode && validOn(u, date));
    if (!issuer) return null;
    const below = this.units.filter((u) => u.parentCode === issuerCode && validOn(u, date));
    const districts = below.filter((u) => u.kind === 'district');
    const communes = below.filter((u) => u.kind === 'commune');
    const bodies = below.filter((u) => !ADMIN_KINDS.has(u.kind));
    return {
      issuer, date, bodies, districts, communes,
      members(token) {
        if (token === '@districts') return districts;
        if (token === '@communes') return communes;
        return bodies.filter((b) => b.groups?.includes(token.slice(1)));
      },
    };
  }
}

const PLACE_PREFIX = /^(tinh|thanh pho|tp\.?|huyen|thi xa|quan|xa|phuong|thi tran|dac khu) /;
/** "Tỉnh Bình Dương", "tỉnh Bình Dương", "Bình Dương" → "binh duong" (old "Hoà" and new "Hòa" alike). */
export const placeKey = (name: string) => fold(name).replace(/\s+/g, ' ').trim().replace(PLACE_PREFIX, '');
