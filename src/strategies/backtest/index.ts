// Backtests of a strategy version over stored history.
export { runBacktest, type BacktestOptions, type BacktestReport, type BacktestHit } from './backtest.js';
