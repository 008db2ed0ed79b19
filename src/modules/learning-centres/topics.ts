/** Topics of a centre's classes and activities (issue 8): one row per topic in a centre's year. */
export const TOPICS = ['literacy', 'vocational', 'life_skills', 'law', 'it', 'foreign_language', 'culture'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  literacy: 'Xóa mù chữ, sau biết chữ',
  vocational: 'Kỹ năng nghề, chuyển giao khoa học kỹ thuật',
  life_skills: 'Kỹ năng sống',
  law: 'Phổ biến, giáo dục pháp luật',
  it: 'Tin học, kỹ năng số',
  foreign_language: 'Ngoại ngữ',
  culture: 'Văn hóa, văn nghệ, thể thao',
};
