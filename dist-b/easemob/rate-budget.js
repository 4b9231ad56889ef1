import { FairLimiter } from './admission.js';
export const easemobRateBudgets = {
    appPerSecond: 100,
    batchStatusPerSecond: 50,
    blocksPerSecond: 50,
    presencePerSecond: 50,
    chatHistoryPerMinute: 10,
    tokenPerSecond: 300,
    maxQueued: 10_000,
    maxWaitMs: 2_000,
};
/**
 * Windows are stretched by a tenth so calls that leave on time still arrive within Easemob's count
 * after uneven delays on the way (a busy event loop on either side, the network). Each call is
 * counted from when it was sent (`Slot.sent`), not when it was admitted. In the budget bench on
 * two shared cores: 5% and admission times, 179 upstream 429s; 10%, 158; 10% and send times, 28.
 */
export const windowMargin = 1.1;
export class RateBudget {
    budgets;
    app;
    buckets;
    token;
    constructor(budgets, shared) {
        this.budgets = budgets;
        const make = (name, limit, windowMs) => new FairLimiter({
            name,
            limit,
            windowMs: Math.round(windowMs * windowMargin),
            maxWaitMs: budgets.maxWaitMs,
            maxQueued: budgets.maxQueued,
            shared,
        });
        this.app = make('app', budgets.appPerSecond, 1000);
        this.token = make('token', budgets.tokenPerSecond, 1000);
        this.buckets = {
            batchStatus: make('batchStatus', budgets.batchStatusPerSecond, 1000),
            blocks: make('blocks', budgets.blocksPerSecond, 1000),
            presence: make('presence', budgets.presencePerSecond, 1000),
            chatHistory: make('chatHistory', budgets.chatHistoryPerMinute, 60_000),
        };
    }
    /**
     * Resolves when one call in `bucket` (and in the app-wide budget, unless it is the token's) may
     * be made; rejects with `AdmissionRefused` when the scope's caller may not wait that long.
     */
    /** Resolves with the call's slot: say `sent()` when it leaves. */
    async take(bucket, scope) {
        if (bucket === 'token')
            return this.token.acquire(scope);
        if (!bucket)
            return this.app.acquire(scope);
        // The narrower bucket first, so a call queued for it does not hold an app-wide slot meanwhile;
        // the bound is for both waits together.
        const started = Date.now();
        const narrow = await this.buckets[bucket].acquire(scope);
        const app = await this.app.acquire(scope, Math.max(0, this.budgets.maxWaitMs - (Date.now() - started)));
        return {
            sent: () => {
                narrow.sent();
                app.sent();
            },
        };
    }
    /** Calls waiting for budget in the app-wide bucket (diagnostics, tests). */
    get waiting() {
        return this.app.waiting;
    }
    close() {
        for (const limiter of [this.app, this.token, ...Object.values(this.buckets)])
            limiter.close();
    }
}
//# sourceMappingURL=rate-budget.js.map