import { describe, expect, it } from 'vitest';
import { fold, searchQuery, vietnameseCollator } from './fold.ts';

describe('fold (accent-insensitive Vietnamese)', () => {
  it('folds a phrase typed with accents to the one typed without', () => {
    expect(fold('Học tập suốt đời')).toBe('hoc tap suot doi');
    expect(fold('hoc tap suot doi')).toBe('hoc tap suot doi');
    expect(fold('XÂY DỰNG XÃ HỘI HỌC TẬP')).toBe('xay dung xa hoi hoc tap');
  });

  it('maps đ and Đ to d (NFD does not decompose them)', () => {
    expect(fold('Đường đến trường')).toBe('duong den truong');
    expect(fold('Đ')).toBe('d');
  });

  it('folds precomposed and decomposed input alike, and every tone on every vowel', () => {
    expect(fold('Ngày Sách và Văn hóa đọc Việt Nam')).toBe(fold('Ngày Sách và Văn hóa đọc Việt Nam'.normalize('NFD')));
    expect(fold('àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ'))
      .toBe('aaaaa aaaaa aaaaa eeeee eeeee iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy');
  });

  it('turns punctuation into single spaces and keeps digits', () => {
    expect(fold('  Kế hoạch 1144/KH-UBND — “Công dân học tập”!  ')).toBe('ke hoach 1144 kh ubnd cong dan hoc tap');
  });
});

describe('searchQuery', () => {
  it('joins folded words with AND, the last one as a prefix', () => {
    expect(searchQuery('Học tập suốt đời')).toBe('hoc & tap & suot & doi:*');
    expect(searchQuery('kỹ năng số')).toBe('ky & nang & so:*');
  });

  it('cannot carry tsquery operators and is null when nothing is left', () => {
    expect(searchQuery("hoc' | !tap & (doi)")).toBe('hoc & tap & doi:*');
    expect(searchQuery(' !&|:* ')).toBeNull();
  });
});

describe('Vietnamese collation', () => {
  const sorted = (xs: string[]) => [...xs].sort(vietnameseCollator.compare);

  it('puts Ă and Â after A, and Đ after D (not after Z, not mixed with D)', () => {
    expect(sorted(['Đào tạo', 'Ân nghĩa', 'Dạy nghề', 'An toàn', 'Zalo', 'Ăn uống', 'Bình dân học vụ'])).toEqual(
      ['An toàn', 'Ăn uống', 'Ân nghĩa', 'Bình dân học vụ', 'Dạy nghề', 'Đào tạo', 'Zalo']);
  });

  it('orders Ô and Ơ after O, Ư after U', () => {
    expect(sorted(['Ước mơ', 'Ơn thầy', 'Uống nước', 'Ông bà', 'Ong mật'])).toEqual(['Ong mật', 'Ông bà', 'Ơn thầy', 'Uống nước', 'Ước mơ']);
  });
});
