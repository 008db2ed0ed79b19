/** Forms of commendation (Luật Thi đua, khen thưởng 2022), with their Vietnamese names. */
export const FORMS = ['medal', 'pm_merit_certificate', 'merit_certificate', 'commendation_letter', 'emulation_flag', 'emulation_fighter', 'other'] as const;
export type CommendationForm = (typeof FORMS)[number];
export const FORM_LABELS: Record<CommendationForm, string> = {
  medal: 'Huân chương, Huy chương', pm_merit_certificate: 'Bằng khen của Thủ tướng Chính phủ', merit_certificate: 'Bằng khen',
  commendation_letter: 'Giấy khen', emulation_flag: 'Cờ thi đua', emulation_fighter: 'Chiến sĩ thi đua', other: 'Hình thức khác',
};
