import { describe, expect, it } from 'vitest';
import { readDue } from './deadlines.ts';

const due = (s: string) => readDue(s).due;

describe('readDue', () => {
  it('reads a quarter, with the phrase kept verbatim', () => {
    expect(due('… toàn xã hội, hoàn thành trong quý III năm 2020.')).toEqual({ kind: 'quarter', year: 2020, quarter: 3, phrase: 'hoàn thành trong quý III năm 2020' });
    expect(due('trong quý 4/2021')).toEqual({ kind: 'quarter', year: 2021, quarter: 4, phrase: 'trong quý 4/2021' });
  });

  it('reads a yearly date, with or without "hằng năm" spelled out', () => {
    expect(due('… và định kỳ trước ngày 01 tháng 12 hằng năm gửi báo cáo')).toEqual({ kind: 'yearly', month: 12, day: 1, phrase: 'định kỳ trước ngày 01 tháng 12 hằng năm' });
    expect(due('định kỳ trước ngày 01 tháng 12 hàng năm gửi')).toMatchObject({ kind: 'yearly', month: 12, day: 1 });
    expect(due('hằng năm, gửi báo cáo trước ngày 15/12 về Sở')).toMatchObject({ kind: 'yearly', month: 12, day: 15 });
    // no year: a yearly report date
    expect(due('gửi về Sở Giáo dục và Đào tạo trước ngày 15/10.')).toEqual({ kind: 'yearly', month: 10, day: 15, phrase: 'trước ngày 15/10' });
  });

  it('reads a one-off date in either spelling', () => {
    expect(due('ban hành Kế hoạch … trước ngày 30/9/2020, gắn với')).toEqual({ kind: 'date', date: '2020-09-30', phrase: 'trước ngày 30/9/2020' });
    expect(due('chậm nhất ngày 15 tháng 10 năm 2021')).toMatchObject({ kind: 'date', date: '2021-10-15' });
    expect(due('hoàn thành trong tháng 2/2024')).toEqual({ kind: 'date', date: '2024-02-29', phrase: 'hoàn thành trong tháng 2/2024' });
  });

  it('reads a year from a completion or review, not from a horizon or a period', () => {
    expect(due('phấn đấu hoàn thành các chỉ tiêu đến hết năm 2020 theo Quyết định')).toEqual({ kind: 'year', year: 2020, phrase: 'phấn đấu hoàn thành các chỉ tiêu đến hết năm 2020' });
    expect(due('việc tổ chức sơ kết vào năm 2025, tổng kết vào năm 2030')).toEqual({ kind: 'year', year: 2025, phrase: 'sơ kết vào năm 2025' });
    expect(due('phù hợp quy hoạch của địa phương đến năm 2030.')).toEqual({ kind: 'none' });
    expect(due('Đề án … giai đoạn 2021 - 2030.')).toEqual({ kind: 'none' });
    expect(due('định kỳ báo cáo Ủy ban nhân dân tỉnh tình hình triển khai')).toEqual({ kind: 'none' });
  });

  it('refuses a date that does not exist and says why; the day before exists', () => {
    expect(readDue('trước ngày 31/9/2020')).toEqual({ due: { kind: 'none' }, problem: 'Ngày không tồn tại trong “trước ngày 31/9/2020”' });
    expect(due('trước ngày 30/9/2020')).toMatchObject({ kind: 'date', date: '2020-09-30' });
    expect(readDue('trước ngày 30/02 hằng năm').problem).toMatch(/không tồn tại/);
    expect(due('trước ngày 29/02 hằng năm')).toMatchObject({ kind: 'yearly', month: 2, day: 29 });
  });
});
