export const TEMPLATE = 'xhht_test_template';
export const TEST_PASSWORD = 'mat-khau-kiem-thu';
/** Tests run on a fixed "today" so that deadlines and overdue lists are reproducible. */
export const TEST_TODAY = '2026-11-23';

export const withDatabase = (url: string, database: string) => Object.assign(new URL(url), { pathname: `/${database}` }).toString();
