/** The part of jstat (a CommonJS package without types) the statistics use. */
declare module "jstat" {
  interface JStat {
    normal: { inv(probability: number, mean: number, standardDeviation: number): number };
    binomial: { cdf(successes: number, trials: number, probability: number): number };
  }
  const jstat: { jStat: JStat };
  export default jstat;
}
