/*
 * subscribe.c: SUBSCRIBE carry-over hooks. Placeholder until the splice
 * lands: nothing is tracked yet, so there is nothing to carry or end.
 */
#include "proxy/subscribe.h"

#include "proxy/proxy.h"

void proxy_subscriptions_on_swap(struct proxy *p)
{
    (void)p;
}

void proxy_subscriptions_before_cleanup(struct proxy *p, proxy_subscriptions_done_fn done,
                                        void *arg)
{
    (void)p;
    done(arg);
}

void proxy_foreach_subscription(struct proxy *p, proxy_subscription_fn fn, void *arg)
{
    (void)p;
    (void)fn;
    (void)arg;
}
