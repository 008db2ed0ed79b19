import { describe, expect, it } from 'vitest';
import { measureLayout, nextLabel, paragraphs, readMarker } from './layout.ts';
import { toLines } from './text.ts';

const paras = (text: string) => {
  const lines = toLines(text);
  return paragraphs(lines).map((p) => `${p.marker ? `${p.marker.kind}:${p.marker.label} ` : ''}${p.text}`);
};

describe('readMarker', () => {
  it('reads the numbering styles of Vietnamese plans', () => {
    const kinds = ['I. Mục đích', 'II - Nhiệm vụ', 'III.', '1. Tuyên truyền', '2) Đẩy mạnh', '1.2. Tiểu mục', 'a) Sở', 'đ. Hội', '(1) Ý', '- Rà soát', '• Rà soát', '+ Phấn đấu']
      .map((s) => { const r = readMarker(s)!; return `${r.marker.kind}:${r.marker.label}`; });
    expect(kinds).toEqual(['roman:I', 'roman:II', 'roman:III', 'arabic:1', 'arabic:2', 'arabic:1.2', 'letter:a', 'letter:đ', 'paren:1', 'dash:', 'dash:', 'plus:']);
  });

  it('does not take years, percentages or words for numbering', () => {
    for (const s of ['2025, tổng kết vào năm 2030', '100% các huyện', 'Việt Nam', 'Xây dựng', '-5 độ']) expect(readMarker(s)).toBeNull();
  });

  it('knows what label comes next', () => {
    expect(nextLabel('roman', 'III')).toEqual(['IV']);
    expect(nextLabel('arabic', '1.9')).toEqual(['1.10']);
    expect(nextLabel('letter', 'd')).toEqual(['đ', 'e']);
    expect(nextLabel('letter', 'e')).toEqual(['g', 'f']);
  });
});

describe('paragraphs', () => {
  it('one line per paragraph with blank lines: a lower-case line after a blank continues the sentence', () => {
    expect(paras('b) Sở Giáo dục và Đào tạo chủ trì, phối hợp với các đơn vị liên\n\nquan tham mưu.\n\nChủ trì, phối hợp với Sở Nội vụ.')).toEqual([
      'letter:b Sở Giáo dục và Đào tạo chủ trì, phối hợp với các đơn vị liên quan tham mưu.', 'Chủ trì, phối hợp với Sở Nội vụ.',
    ]);
  });

  it('hard-wrapped copy with short first lines: a short line continued in lower case opens a paragraph', () => {
    const text = [
      '1.', 'Sở Giáo dục và Đào tạo', '- Chủ trì, phối hợp với', 'các sở, cơ quan liên quan, Ủy ban nhân dân các huyện, thị xã, thành phố tham',
      'mưu Ủy ban nhân dân tỉnh:', '+ Tổ chức triển khai thực', 'hiện các mục tiêu, nhiệm vụ của Kế hoạch vào từng năm và từng giai đoạn phù hợp',
      'với kế hoạch phát triển kinh tế xã hội của tỉnh;', '+ Tham mưu kiện toàn Ban', 'chỉ đạo XMC-PCGD-XDXHHT giai đoạn 2021-2030.',
      '5.', 'Sở Tài chính', 'Hàng năm, căn cứ vào dự', 'toán của Sở Giáo dục và Đào tạo, các sở, ngành có liên quan và khả năng cân đối',
      'ngân sách, tham mưu cấp có thẩm quyền bảo đảm kinh phí triển khai Kế hoạch.', '6. Sở', 'Nội vụ', 'Chủ trì thực hiện các',
      'chương trình đào tạo, bồi dưỡng cho cán bộ công chức các cấp trên địa bàn tỉnh, phấn đấu đạt được mục tiêu.',
      '7. Bộ', 'Chỉ huy Quân sự tỉnh', 'Tổ chức học tập nâng cao', 'trình độ, năng lực ngoại ngữ và tiếng dân tộc thiểu số cho cán bộ trong Quân đội.',
      'Phối hợp, triển khai thực hiện đấu tranh trên không gian mạng bảo vệ nền tảng', 'tư tưởng của Đảng.',
    ].join('\n');
    expect(measureLayout(toLines(text)).indentedFirstLines).toBe(true);
    expect(paras(text)).toEqual([
      'arabic:1 Sở Giáo dục và Đào tạo',
      'dash: Chủ trì, phối hợp với các sở, cơ quan liên quan, Ủy ban nhân dân các huyện, thị xã, thành phố tham mưu Ủy ban nhân dân tỉnh:',
      'plus: Tổ chức triển khai thực hiện các mục tiêu, nhiệm vụ của Kế hoạch vào từng năm và từng giai đoạn phù hợp với kế hoạch phát triển kinh tế xã hội của tỉnh;',
      'plus: Tham mưu kiện toàn Ban chỉ đạo XMC-PCGD-XDXHHT giai đoạn 2021-2030.',
      'arabic:5 Sở Tài chính',
      'Hàng năm, căn cứ vào dự toán của Sở Giáo dục và Đào tạo, các sở, ngành có liên quan và khả năng cân đối ngân sách, tham mưu cấp có thẩm quyền bảo đảm kinh phí triển khai Kế hoạch.',
      'arabic:6 Sở Nội vụ',
      'Chủ trì thực hiện các chương trình đào tạo, bồi dưỡng cho cán bộ công chức các cấp trên địa bàn tỉnh, phấn đấu đạt được mục tiêu.',
      'arabic:7 Bộ Chỉ huy Quân sự tỉnh',
      // a full-width line ending a sentence is followed by more of the same paragraph
      'Tổ chức học tập nâng cao trình độ, năng lực ngoại ngữ và tiếng dân tộc thiểu số cho cán bộ trong Quân đội. Phối hợp, triển khai thực hiện đấu tranh trên không gian mạng bảo vệ nền tảng tư tưởng của Đảng.',
    ]);
  });

  it('a number alone before more numbering ends a sentence ("mức độ / 3."), it does not open item 3', () => {
    expect(paras('+ 100% đạt chuẩn mức độ 2, trong đó 40% đạt mức độ\n3.\n- Về năng lực')).toEqual(['plus: 100% đạt chuẩn mức độ 2, trong đó 40% đạt mức độ 3.', 'dash: Về năng lực']);
    expect(paras('III.\nNHIỆM VỤ VÀ GIẢI PHÁP\n1.\nTuyên truyền')).toEqual(['roman:III NHIỆM VỤ VÀ GIẢI PHÁP', 'arabic:1 Tuyên truyền']);
  });

  it('a hyphen wrapped to the start of a line inside a sentence is not a bullet', () => {
    expect(paras('- Tổ chức bồi dưỡng nguồn nhân lực làm việc trong các thiết chế văn hóa\n- thể thao phục vụ người dân.\n- Nhân rộng mô hình.')).toEqual([
      'dash: Tổ chức bồi dưỡng nguồn nhân lực làm việc trong các thiết chế văn hóa - thể thao phục vụ người dân.', 'dash: Nhân rộng mô hình.',
    ]);
  });

  it('indented first lines mark paragraphs in a copy without blank lines', () => {
    const text = '    Chỉ đạo, kiểm tra việc triển khai thực hiện Kế hoạch của các sở, ban, ngành.\n    Sơ kết, đánh giá việc triển khai thực hiện\nKế hoạch hằng năm.\n    Thực hiện sơ kết.';
    expect(paras(text)).toEqual(['Chỉ đạo, kiểm tra việc triển khai thực hiện Kế hoạch của các sở, ban, ngành.', 'Sơ kết, đánh giá việc triển khai thực hiện Kế hoạch hằng năm.', 'Thực hiện sơ kết.']);
  });

  it('known limit: in a greedy-wrapped copy without blank lines or indentation, a paragraph whose last line is full runs into the next', () => {
    const text = [
      'Thực hiện sơ kết, đánh giá việc triển khai thực hiện Kế hoạch của Ủy ban nhân dân tỉnh',
      'với kết quả công tác hàng năm của các cơ quan đơn vị và người đứng đầu cơ quan, đơn vị.',
      'Trong quá trình tổ chức thực hiện, nếu có khó khăn, các sở, ban, ngành, địa phương chủ',
      'động đề xuất, gửi về Sở Giáo dục và Đào tạo tổng hợp.',
      'Yêu cầu các sở, ban, ngành tỉnh triển khai thực hiện theo đúng nội dung Kế hoạch này.',
    ].join('\n');
    // The second paragraph ends short, so the third is told apart; the first ends at full width and is not.
    expect(paras(text)).toHaveLength(2);
  });
});
