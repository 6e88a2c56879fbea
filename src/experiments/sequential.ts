// An always-valid (anytime) confidence interval for the difference in collected share: it may be looked at after every
// tick and still covers the true difference at all looks at once with probability 95%, which the fixed-horizon interval
// does not (looking until it excludes 0 finds a "winner" far more often than 5% of the time when there is none).
//
// The mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis and Walsh, "Always valid inference:
// continuous monitoring of A/B tests", Operations Research 70(3), 2022, section 4, with a normal mixing distribution;
// the same normal-mixture boundary as Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform, nonparametric,
// nonasymptotic confidence sequences", Annals of Statistics 49(2), 2021. Written out here:
//
//   The estimate d (challenger mean minus champion mean) is taken as normal around the true difference theta with
//   variance v = s1^2/n1 + s2^2/n2 (variances plugged in, as for the fixed interval). Mixing the likelihood ratio of
//   theta against theta0 over theta ~ N(theta0, tau^2) gives
//     L(theta0) = sqrt(v / (v + tau^2)) * exp( tau^2 (d - theta0)^2 / (2 v (v + tau^2)) ),
//   a nonnegative martingale under theta0, so by Ville's inequality P(L ever reaches 1/alpha) <= alpha. The interval is
//   every theta0 with L(theta0) < 1/alpha:
//     |d - theta0| < sqrt( v (v + tau^2) / tau^2 * ln( (v + tau^2) / (v alpha^2) ) ).
//
// tau is the spread of differences one expects; it changes how wide the interval is at a given sample size, not its
// validity. 0.1 (10 points of collected share) is the scale of a strategy change worth making.

export const ALPHA = 0.05;
export const TAU = 0.1;

/** The half-width of the always-valid interval around an estimate whose variance is v. */
export function alwaysValidRadius(v: number, alpha = ALPHA, tau = TAU): number {
  if (!(v > 0)) return 0;
  const t2 = tau * tau;
  return Math.sqrt((v * (v + t2) / t2) * Math.log((v + t2) / (v * alpha * alpha)));
}

/** The mixture likelihood ratio L(theta0) above: the always-valid interval is where it stays below 1/alpha. */
export function mixtureRatio(d: number, v: number, theta0: number, tau = TAU): number {
  const t2 = tau * tau;
  return Math.sqrt(v / (v + t2)) * Math.exp((t2 * (d - theta0) ** 2) / (2 * v * (v + t2)));
}
