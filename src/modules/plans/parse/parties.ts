import type { GroupToken, UnitRecord, UnitScope } from './directory.ts';
import { gapBefore, longestAt, matchAt, tokenize, words, type Token } from './tokens.ts';

/**
 * Who a sentence names: the lead (its subject, "Sở Giáo dục và Đào tạo chủ trì, …") and the coordinating parties
 * (after "phối hợp với"). Names are matched accent- and case-insensitively against the units in force under the
 * issuer on the plan's date, through the usual abbreviations (Sở GDĐT = Sở GD&ĐT = Sở Giáo dục và Đào tạo,
 * UBND = Ủy ban nhân dân); collective phrases become the tracker's group tokens. A body that is named but not in
 * the directory is kept as `unresolved`, never dropped.
 */
export type Party =
  | { kind: 'unit'; code: string; name: string; unitKind: UnitRecord['kind']; text: string }
  /** A collective ("UBND các huyện, thị xã, thành phố") and the units it meant on the plan's date. */
  | { kind: 'group'; token: GroupToken; text: string; members: { code: string; name: string }[] }
  | { kind: 'unresolved'; name: string; text: string };

/** Tokens [from, to) of a sentence naming `parties`; none for a generic item such as "các đơn vị liên quan". */
export interface Mention { parties: Party[]; from: number; to: number }

/**
 * Standard names of provincial bodies and their abbreviations, so that a plan's wording meets the directory's
 * official names. The first form is the canonical name shown for a body that the directory lacks.
 */
const BODIES: readonly (readonly string[])[] = [
  ['Sở Giáo dục và Đào tạo', 'Sở GDĐT', 'Sở GD&ĐT', 'Sở GD-ĐT', 'Sở GD và ĐT'],
  ['Sở Lao động - Thương binh và Xã hội', 'Sở LĐTBXH', 'Sở LĐ-TB&XH', 'Sở LĐTB&XH'],
  ['Sở Thông tin và Truyền thông', 'Sở TTTT', 'Sở TT&TT', 'Sở TT-TT'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTTDL', 'Sở VHTT&DL', 'Sở VH-TT-DL', 'Sở Văn hóa Thể thao và Du lịch'],
  ['Sở Văn hóa và Thể thao', 'Sở VHTT', 'Sở VH&TT'],
  ['Sở Du lịch'], ['Sở Tài chính'], ['Sở Nội vụ'], ['Sở Tư pháp'], ['Sở Y tế'], ['Sở Công Thương'], ['Sở Xây dựng'], ['Sở Ngoại vụ'],
  ['Sở Kế hoạch và Đầu tư', 'Sở KHĐT', 'Sở KH&ĐT'],
  ['Sở Khoa học và Công nghệ', 'Sở KHCN', 'Sở KH&CN'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'Sở NN&PTNT', 'Sở NNPTNT'],
  ['Sở Nông nghiệp và Môi trường', 'Sở NN&MT', 'Sở NNMT'],
  ['Sở Tài nguyên và Môi trường', 'Sở TN&MT', 'Sở TNMT'],
  ['Sở Giao thông vận tải', 'Sở GTVT'],
  ['Sở Dân tộc và Tôn giáo'], ['Ban Dân tộc tỉnh', 'Ban Dân tộc'],
  ['Thanh tra tỉnh'], ['Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng UBND tỉnh', 'VP UBND tỉnh'],
  ['Công an tỉnh'], ['Bộ Chỉ huy Quân sự tỉnh', 'Bộ CHQS tỉnh'], ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Bộ CHBĐBP tỉnh'],
  ['Đài Phát thanh và Truyền hình', 'Đài PT-TH', 'Đài PTTH'],
  ['Ban Tuyên giáo Tỉnh ủy', 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'UBMTTQVN tỉnh', 'UBMTTQ tỉnh', 'UB MTTQ VN tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Mặt trận Tổ quốc tỉnh'],
  ['Liên đoàn Lao động tỉnh', 'LĐLĐ tỉnh'],
  ['Tỉnh Đoàn', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh', 'Đoàn TNCS Hồ Chí Minh tỉnh', 'Thành Đoàn'],
  ['Hội Liên hiệp Phụ nữ tỉnh', 'Hội LHPN tỉnh'], ['Hội Nông dân tỉnh'],
  ['Hội Cựu chiến binh tỉnh', 'Hội CCB tỉnh', 'Hội Cựu chiến binh'],
  ['Hội Người cao tuổi tỉnh', 'Hội NCT tỉnh'], ['Hội Cựu giáo chức tỉnh'], ['Hội Khuyến học tỉnh'],
  ['Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh'], ['Bảo hiểm xã hội tỉnh'], ['Ngân hàng Chính sách xã hội tỉnh'],
];

/**
 * Words that open a named body; a capitalised one starts a name even when the directory does not know it. Compared
 * with their marks ("Sở" opens a name, "Sơ kết" does not).
 */
const HEADS = ['sở', 'ban', 'hội', 'liên đoàn', 'liên hiệp', 'đoàn', 'công an', 'bộ chỉ huy', 'đài', 'báo', 'trung tâm', 'phòng', 'trường', 'viện',
  'cục', 'chi cục', 'văn phòng', 'thanh tra', 'kho bạc', 'ủy ban', 'uỷ ban', 'ubnd', 'ngân hàng', 'bảo hiểm', 'tỉnh đoàn', 'tỉnh ủy', 'thành đoàn'].map((h) => h.split(' '));
/** …except where the word is a verb or a common noun ("Ban hành", "Báo cáo", "Hội nghị", "Trường hợp"). */
const NOT_HEADS = ['ban hành', 'báo cáo', 'hội nghị', 'hội thảo', 'hội thi', 'trường hợp', 'phòng chống', 'phòng ngừa', 'đoàn kết', 'đài thọ'].map((h) => h.split(' '));
const headAt = (toks: Token[], i: number) => {
  const at = (list: string[][]) => list.some((h) => h.every((w, k) => toks[i + k]?.lower === w));
  return toks[i]!.cap && at(HEADS) && !at(NOT_HEADS);
};

/**
 * Words that begin what a party does. A list of parties ends where one begins ("… và UBND các huyện tổ chức tuyên
 * truyền"), and a subject is a list followed by one.
 */
const PREDICATES = [
  'chu tri', 'phoi hop', 'chu dong', 'co trach nhiem', 'co ke hoach', 'tich cuc', 'tham muu', 'to chuc', 'trien khai', 'xay dung', 'long ghep',
  'day manh', 'huong dan', 'thuc hien', 'nghien cuu', 'ra soat', 'mo rong', 'tiep tuc', 'theo doi', 'kiem tra', 'giam sat', 'tham gia', 'de xuat',
  'ban hanh', 'bao cao', 'cap nhat', 'chi dao', 'van dong', 'phat dong', 'bien soan', 'nang cao', 'ho tro', 'tang cuong', 'duy tri', 'cung co',
  'phat trien', 'don doc', 'danh gia', 'xem xet', 'giai quyet', 'thanh lap', 'bao dam', 'dam bao', 'ung dung', 'kien toan', 'gui', 'trong viec',
  'de', 'nham', 'tuyen truyen', 'quan triet', 'phan dau', 'hoan thanh', 'so ket', 'tong ket', 'giup', 'cung cap', 'khen thuong', 'huy dong',
  'dang ky', 'xu ly', 'phu trach', 'can doi', 'bo tri', 'dua', 'lap', 'rut kinh nghiem', 'la co quan', 'lam dau moi',
].map((p) => p.split(' '));
/** "tổ chức" is a noun before these words ("tổ chức đảng", "tổ chức chính trị - xã hội"), a verb otherwise. */
const ORG_NOUN_AFTER = new Set(['dang', 'chinh', 'xa', 'thanh', 'quoc', 'phi', 'doan', 'hoi', 'kinh', 'cong', 'ctxh', 'khuyen']);

/** Opening clauses before a subject: "Hằng năm, căn cứ …, các sở, ngành xây dựng …". */
const INTROS = ['hang nam', 'trong qua trinh', 'neu', 'can cu', 'tren co so', 'dinh ky', 'sau khi', 'khi', 'ngoai ra', 'truoc mat'].map((p) => p.split(' '));
/** "Đề nghị Ban Tuyên giáo Tỉnh ủy", "Giao Ủy ban nhân dân thành phố …", "Yêu cầu các sở …". */
const ADDRESSING = ['de nghi', 'yeu cau', 'giao', 'kinh de nghi'].map((p) => p.split(' '));

/** Collective phrases of provincial bodies ("các sở, ban, ngành liên quan", "các cơ quan, đơn vị liên quan"). */
const COLLECTIVE = ['so', 'ban', 'nganh', 'co quan', 'don vi', 'doan the', 'co lien quan', 'lien quan', 'thuoc tinh', 'truc thuoc', 'tinh', 'thanh pho', 'dia phuong', 'chuc nang', 'cap tinh']
  .map((p) => p.split(' '));

interface Phrase { words: readonly string[]; party: (text: string) => Party }

/** The names a scope answers to, built once per plan. */
export class PartyIndex {
  /** Known names by their first word: a name is looked up wherever a list item may start, many times per plan. */
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly province: string[];

  constructor(readonly scope: UnitScope) {
    this.province = placeWords(scope.issuer.name);
    const phrases: Phrase[] = [];
    const unitParty = (u: UnitRecord) => (text: string): Party => ({ kind: 'unit', code: u.code, name: u.name, unitKind: u.kind, text });
    const claimed = new Set<number>();
    for (const u of scope.bodies) {
      const names = this.namesOf(u);
      const lexicon = BODIES.findIndex((forms) => forms.some((f) => names.some((n) => sameCore(this.core(words(f)), this.core(n)))));
      if (lexicon >= 0) claimed.add(lexicon);
      const all = lexicon >= 0 ? [...names, ...BODIES[lexicon]!.flatMap((f) => this.variants(words(f)))] : names;
      for (const w of all) phrases.push({ words: w, party: unitParty(u) });
    }
    // Bodies the plan may name that the directory does not hold: recognised by name, flagged as unresolved.
    BODIES.forEach((forms, i) => {
      if (claimed.has(i)) return;
      for (const f of forms) for (const w of this.variants(words(f))) phrases.push({ words: w, party: (text) => ({ kind: 'unresolved', name: text, text }) });
    });
    for (const u of [...scope.districts, ...scope.communes]) {
      const own = words(u.name);
      const short = abbreviatedPlace(own);
      for (const w of [own, ...(short ? [short] : [])]) {
        for (const prefix of [[], ['ubnd'], ['uy', 'ban', 'nhan', 'dan']]) phrases.push({ words: [...prefix, ...w], party: unitParty(u) });
      }
    }
    const issuerWords = words(scope.issuer.name);
    const level = issuerWords.slice(0, issuerWords.length - this.province.length); // "tỉnh", "thành phố", "huyện"
    for (const prefix of [['ubnd'], ['uy', 'ban', 'nhan', 'dan']]) {
      phrases.push({ words: [...prefix, ...level], party: unitParty(scope.issuer) });
      phrases.push({ words: [...prefix, ...words(scope.issuer.name)], party: unitParty(scope.issuer) });
    }
    for (const p of phrases) this.byFirst.set(p.words[0]!, [...(this.byFirst.get(p.words[0]!) ?? []), p]);
  }

  /** A body's own names: official, without the province, short name, and a bracketed second name. */
  private namesOf(u: UnitRecord): string[][] {
    const out: string[][] = [];
    const add = (s: string | undefined) => {
      if (!s) return;
      const w = words(s);
      out.push(w);
      const core = this.stripPlace(w);
      if (core.length >= 2 && core.length < w.length) out.push(core);
    };
    const [main, bracket] = u.name.split(/\s*\(/);
    add(main);
    add(bracket?.replace(/\)\s*$/, ''));
    add(u.shortName);
    return out;
  }

  /** Words of a name without a trailing province name ("… tỉnh Bình Dương" → "… tỉnh"). */
  private stripPlace(w: string[]): string[] {
    const p = this.province;
    const endsWith = p.length > 0 && w.length > p.length && p.every((x, i) => w[w.length - p.length + i] === x);
    return endsWith ? w.slice(0, w.length - p.length) : w;
  }

  /** A name reduced for comparison: no province name, no trailing level word ("tỉnh", "thành phố"). */
  private core(w: string[]): string[] {
    const s = this.stripPlace(w);
    if (s[s.length - 1] === 'tinh') return s.slice(0, -1);
    if (s[s.length - 2] === 'thanh' && s[s.length - 1] === 'pho') return s.slice(0, -2);
    return s;
  }

  /** A lexicon form as a city writes it too: "… tỉnh" ↔ "… Thành phố", "Ủy ban nhân dân" ↔ "UBND". */
  private variants(w: string[]): string[][] {
    const out = [w];
    if (w[w.length - 1] === 'tinh') out.push([...w.slice(0, -1), 'thanh', 'pho']);
    for (const v of [...out]) {
      const i = v.join(' ').indexOf('uy ban nhan dan');
      if (i >= 0) out.push(words(v.join(' ').replace('uy ban nhan dan', 'ubnd')));
    }
    return out;
  }

  /** The longest known name at token i, with a trailing "tỉnh" / province name taken along. */
  private known(text: string, toks: Token[], i: number): { party: Party; to: number } | null {
    let best: Phrase | null = null;
    for (const p of this.byFirst.get(toks[i]!.w) ?? []) if ((!best || p.words.length > best.words.length) && matchAt(text, toks, i, p.words)) best = p;
    if (!best) return null;
    let to = i + best.words.length;
    for (const tail of [[...['tinh'], ...this.province], this.province, ['tinh'], ['thanh', 'pho', ...this.province]]) {
      if (tail.length && matchAt(text, toks, to, tail)) { to += tail.length; break; }
    }
    return { party: best.party(text.slice(toks[i]!.start, toks[to - 1]!.end)), to };
  }

  /** One item of a list of parties at token i. Generic items ("các đơn vị liên quan") only where `generic`. */
  item(text: string, toks: Token[], i: number, generic: boolean): Mention | null {
    if (i >= toks.length) return null;
    const candidates: Mention[] = [];
    const known = this.known(text, toks, i);
    if (known) candidates.push({ parties: [known.party], from: i, to: known.to });
    const group = groupAt(text, toks, i, this.scope);
    if (group) candidates.push(group);
    const best = candidates.sort((a, b) => b.to - a.to)[0];
    if (best) return best;
    if (headAt(toks, i)) {
      const to = nameEnd(text, toks, i);
      const name = text.slice(toks[i]!.start, toks[to - 1]!.end);
      return { parties: [{ kind: 'unresolved', name, text: name }], from: i, to };
    }
    if (!generic || predicateAt(text, toks, i)) return null;
    let to = i + 1;
    while (to < toks.length && to - i < 12 && !/[,;.:()]/.test(gapBefore(text, toks, to)) && toks[to]!.w !== 'va' && !predicateAt(text, toks, to)) to++;
    return { parties: [], from: i, to };
  }

  /** A list of parties from token i: items joined by commas, "và", "với". */
  list(text: string, toks: Token[], i: number, generic: boolean): Mention[] {
    const items: Mention[] = [];
    let k = i;
    for (;;) {
      const m = this.item(text, toks, k, generic);
      if (!m) break;
      items.push(m);
      k = skipAside(text, toks, m.to);
      if (k >= toks.length || /[;.:]/.test(gapBefore(text, toks, k))) break;
      const comma = gapBefore(text, toks, k).includes(',');
      const next = comma ? k : ['va', 'voi', 'cung'].includes(toks[k]!.w) ? k + 1 : -1;
      if (next < 0 || !this.item(text, toks, next, generic)) break;
      k = next;
    }
    return items;
  }
}

/** The subject of a sentence: the parties it opens with (after "Đề nghị …" or an opening clause), or null. */
export function subjectOf(index: PartyIndex, text: string): Mention[] | null {
  const toks = tokenize(text);
  if (!toks.length) return null;
  const addressed = longestAt(text, toks, 0, ADDRESSING);
  const first = index.list(text, toks, addressed, false);
  if (first.length && (endsClause(text, toks, first[first.length - 1]!.to) || predicateAt(text, toks, first[first.length - 1]!.to) || addressed)) return first;
  if (!longestAt(text, toks, 0, INTROS)) return null;
  // "Hằng năm, căn cứ vào …, các sở, ngành xây dựng …": a subject right after a comma of the opening clause.
  for (let k = 1; k < toks.length && !/[;.]/.test(gapBefore(text, toks, k)); k++) {
    if (!gapBefore(text, toks, k).includes(',')) continue;
    const items = index.list(text, toks, k, false);
    if (items.length && predicateAt(text, toks, items[items.length - 1]!.to)) return items;
  }
  return null;
}

export interface Coordination { parties: Party[]; text: string | null }

/** Parties after "phối hợp (chặt chẽ) với": named ones resolved, the rest ("các đơn vị liên quan") kept as text. */
export function coordinationOf(index: PartyIndex, text: string): Coordination {
  const toks = tokenize(text);
  const parties: Party[] = [];
  const spans: string[] = [];
  for (let j = 0; j < toks.length - 1; j++) {
    if (!matchAt(text, toks, j, ['phoi', 'hop'])) continue;
    // "tăng cường phối hợp với …", "cơ chế phối hợp giữa …": coordination as a topic, not an assignment.
    const before = toks.slice(Math.max(0, j - 2), j).map((t) => t.w).join(' ');
    if (/(^| )(tang cuong|co che|cong tac|su|viec)$/.test(before)) continue;
    let k = j + 2;
    for (const adverb of [['chat', 'che'], ['thuong', 'xuyen'], ['chat', 'che', 'va', 'hieu', 'qua']]) if (matchAt(text, toks, k, adverb)) k += adverb.length;
    if (k < toks.length && ['voi', 'cung'].includes(toks[k]!.w)) k++;
    else if (k < toks.length && ['giua', 'cua'].includes(toks[k]!.w)) continue;
    if (k >= toks.length || /[,;.:]/.test(gapBefore(text, toks, k))) continue;
    const items = index.list(text, toks, k, true);
    let run: Mention[] = [];
    const flush = () => {
      if (run.length) spans.push(text.slice(toks[run[0]!.from]!.start, toks[run[run.length - 1]!.to - 1]!.end));
      run = [];
    };
    for (const m of items) {
      if (m.parties.length) { flush(); parties.push(...m.parties); } else run.push(m);
    }
    flush();
  }
  return { parties, text: spans.length ? [...new Set(spans)].join('; ') : null };
}

/** Whether the text is only a party list (a heading such as "Sở Tài chính", "Ủy ban nhân dân các huyện … có trách nhiệm"). */
export function isPartyHeading(index: PartyIndex, text: string): boolean {
  const toks = tokenize(text);
  const addressed = longestAt(text, toks, 0, ADDRESSING);
  const items = index.list(text, toks, addressed, false);
  if (!items.length) return false;
  const to = items[items.length - 1]!.to;
  return to === toks.length || matchAt(text, toks, to, ['co', 'trach', 'nhiem']) && to + 3 === toks.length;
}

function predicateAt(text: string, toks: Token[], i: number): boolean {
  if (i >= toks.length) return false;
  if (matchAt(text, toks, i, ['to', 'chuc'])) return !(ORG_NOUN_AFTER.has(toks[i + 2]?.w ?? '') || ['cac', 'nhung', 'moi'].includes(toks[i - 1]?.w ?? ''));
  return longestAt(text, toks, i, PREDICATES) > 0;
}

const endsClause = (text: string, toks: Token[], i: number) => i >= toks.length || /[:;.]/.test(gapBefore(text, toks, i));

/** Skips an aside in brackets right after a name: "Ủy ban Mặt trận … tỉnh (UBMTTQVN tỉnh)". */
function skipAside(text: string, toks: Token[], i: number): number {
  if (i >= toks.length || !gapBefore(text, toks, i).includes('(')) return i;
  for (let k = i; k < Math.min(toks.length, i + 8); k++) if (text.slice(toks[k]!.end).trimStart().startsWith(')')) return k + 1;
  return i;
}

/** End (exclusive) of an unknown body's name: up to a comma, a verb, or "và" before another body. */
function nameEnd(text: string, toks: Token[], i: number): number {
  let to = i + 1;
  while (to < toks.length && to - i < 10 && !/[,;.:()]/.test(gapBefore(text, toks, to)) && !predicateAt(text, toks, to) && toks[to]!.w !== 'cac' && toks[to]!.w !== 'cua'
    && !(['va', 'voi'].includes(toks[to]!.w) && (toks[to + 1]?.w === 'cac' || headAt(toks, to + 1)))) to++;
  return to;
}

/** Collective phrases: the tracker's group tokens, or null for a collective that names no group. */
function groupAt(text: string, toks: Token[], i: number, scope: UnitScope): Mention | null {
  const w = (k: number) => toks[k]?.w;
  const mention = (tokens: GroupToken[], to: number): Mention => {
    const said = text.slice(toks[i]!.start, toks[to - 1]!.end);
    return { parties: tokens.map((token) => ({ kind: 'group', token, text: said, members: scope.members(token).map((u) => ({ code: u.code, name: u.name })) })), from: i, to };
  };
  // (UBND) các/cấp huyện, thị xã, thành phố | xã, phường, thị trấn, đặc khu
  let k = i + longestAt(text, toks, i, [['ubnd'], ['uy', 'ban', 'nhan', 'dan']]);
  if (w(k) === 'cac' || w(k) === 'cap') {
    const { to, said } = readRun(text, toks, k + 1, LEVELS);
    if (said.has('huyen') || said.has('quan')) return mention(['@districts'], to);
    if ((said.has('xa') || said.has('phuong')) && scope.communes.length) return mention(['@communes'], to);
  }
  k = w(i) === 'cac' ? i + 1 : i;
  // (các) tổ chức chính trị - xã hội(, xã hội nghề nghiệp và tổ chức xã hội)(liên quan) | các tổ chức thành viên | các đoàn thể
  let n = longestAt(text, toks, k, [['to', 'chuc', 'chinh', 'tri', 'xa', 'hoi'], ['to', 'chuc', 'ctxh']]);
  if (n) {
    let to = k + n;
    to += longestAt(text, toks, to, [['xa', 'hoi', 'nghe', 'nghiep', 'va', 'to', 'chuc', 'xa', 'hoi'], ['xa', 'hoi', 'nghe', 'nghiep', 'to', 'chuc', 'xa', 'hoi']]);
    to += longestAt(text, toks, to, [['lien', 'quan'], ['tinh']]);
    return mention(['@mass-orgs'], to);
  }
  if (k > i && (n = longestAt(text, toks, k, [['to', 'chuc', 'thanh', 'vien'], ['doan', 'the', 'chinh', 'tri', 'xa', 'hoi'], ['doan', 'the']]))) return mention(['@mass-orgs'], k + n);
  // (các) sở, ban, ngành (tỉnh) (liên quan), (các) địa phương — a group only if it says "sở", "ngành" or "địa phương"
  if (k > i || (['so', 'ban', 'nganh', 'dia'].includes(w(i)!) && !toks[i]!.cap)) {
    const { to, said } = readRun(text, toks, k, COLLECTIVE, true);
    const closed = to >= toks.length || /[,;.:]/.test(gapBefore(text, toks, to)) || ['va', 'voi'].includes(w(to)!) || predicateAt(text, toks, to);
    const tokens: GroupToken[] = [];
    if (said.has('so') || said.has('nganh')) tokens.push('@agencies');
    if (said.has('dia phuong')) tokens.push('@districts');
    if (to > k && closed && tokens.length) return mention(tokens, to);
  }
  return null;
}

const LEVELS = [['huyen'], ['quan'], ['thi', 'xa'], ['thanh', 'pho'], ['xa'], ['phuong'], ['thi', 'tran'], ['dac', 'khu']];

/** Consumes phrases of `vocabulary`, separated by spaces or commas, from token k: the end and the phrases read. */
function readRun(text: string, toks: Token[], k: number, vocabulary: string[][], stopAtCapital = false): { to: number; said: Set<string> } {
  let to = k;
  const said = new Set<string>();
  for (;;) {
    const gap = to > k ? gapBefore(text, toks, to) : '';
    if (/[;.:()]/.test(gap) || (stopAtCapital && gap.includes(',') && toks[to]?.cap)) break;
    const n = longestAt(text, toks, to, vocabulary);
    if (!n) break;
    said.add(toks.slice(to, to + n).map((t) => t.w).join(' '));
    to += n;
  }
  return { to, said };
}

function placeWords(name: string): string[] {
  const w = words(name);
  for (const prefix of [['tinh'], ['thanh', 'pho'], ['huyen'], ['thi', 'xa'], ['quan']]) {
    if (prefix.every((p, i) => w[i] === p) && w.length > prefix.length) return w.slice(prefix.length);
  }
  return w;
}

/** "Thành phố Thủ Dầu Một" → "TP Thủ Dầu Một", "Thị xã Hòa Thành" → "TX Hòa Thành". */
function abbreviatedPlace(w: string[]): string[] | null {
  if (w[0] === 'thanh' && w[1] === 'pho') return ['tp', ...w.slice(2)];
  if (w[0] === 'thi' && w[1] === 'xa') return ['tx', ...w.slice(2)];
  return null;
}

const sameCore = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
