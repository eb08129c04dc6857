/** The passport-new answers and document the benchmarks send (kept with the tests' helpers). */
export { IDENTITY, PNG } from '../server/domain/passport/testing/fixtures.ts';
