/**
 * Disaggregation of data elements (pure, no dependencies: the web app imports it as it is). Keys of stored values
 * are option combinations such as `sex:female|areaType:rural`; '' is the undisaggregated total.
 */

/** The dimensions a data element may be broken down by, with their options (labels in Vietnamese). */
export const CATEGORIES = {
  sex: { label: 'Giới tính', options: { male: 'Nam', female: 'Nữ' } },
  ageBand: { label: 'Nhóm tuổi', options: { '15-35': '15–35 tuổi', '36-60': '36–60 tuổi', '61+': 'Trên 60 tuổi' } },
  ethnicity: { label: 'Dân tộc', options: { kinh: 'Kinh', minority: 'Dân tộc thiểu số' } },
  areaType: { label: 'Khu vực', options: { urban: 'Thành thị', rural: 'Nông thôn' } },
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_NAMES = Object.keys(CATEGORIES) as Category[];

/** A table of categories and their option labels: the one above, or the same as the API sends it. */
export type CategoryTable = Record<string, { label: string; options: Readonly<Record<string, string>> }>;

/**
 * Every option combination of a set of categories, as stable keys (categories in the element's order). An element
 * without categories has one combination: '' (the total).
 */
export function combinations(categories: readonly string[], table: CategoryTable = CATEGORIES): string[] {
  let keys = [''];
  for (const c of categories) {
    const options = Object.keys(table[c]?.options ?? {});
    keys = keys.flatMap((k) => options.map((o) => (k ? `${k}|` : '') + `${c}:${o}`));
  }
  return keys;
}

/** A combination key as words: "Nữ · Nông thôn". */
export function combinationLabel(key: string, table: CategoryTable = CATEGORIES): string {
  if (!key) return 'Tổng số';
  return key.split('|').map((part) => {
    const [c, o] = part.split(':') as [string, string];
    return table[c]?.options[o] ?? part;
  }).join(' · ');
}
