/** Formats of an open learning resource (học liệu mở), with their Vietnamese labels. */
export const FORMATS = ['document', 'video', 'audio', 'presentation', 'image', 'website', 'course'] as const;
export type ResourceFormat = (typeof FORMATS)[number];
export const FORMAT_LABELS: Record<ResourceFormat, string> = {
  document: 'Tài liệu', video: 'Video', audio: 'Âm thanh', presentation: 'Bài trình chiếu', image: 'Hình ảnh', website: 'Trang web', course: 'Khóa học trực tuyến',
};
