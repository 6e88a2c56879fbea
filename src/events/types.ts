// The event types integrators can subscribe to, and the shape of an event as it is listed and delivered.

export const EVENT_TYPES = [
  'invoice.paid', 'payment.received', 'promise.created', 'promise.kept', 'promise.broken', 'plan.created', 'plan.broken',
  'dispute.opened', 'dispute.resolved', 'case.escalated', 'case.closed', 'message.delivered', 'message.failed', 'customer.opted_out',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(s: string): s is EventType {
  return (EVENT_TYPES as readonly string[]).includes(s);
}

/** One fact to report: what happened, to which object and customer, with the fields an integrator needs. */
export interface NewEvent {
  orgId: string;
  type: EventType;
  subject: string | null;
  customerId: string | null;
  data: Record<string, unknown>;
  /** When the fact happened; the database's clock when absent. */
  at?: Date;
}

export interface EventRow {
  id: string;
  type: string;
  subject: string | null;
  customer_id: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

/** The JSON body an endpoint receives: the event as listed, without cobro's internal columns. */
export function eventBody(e: EventRow): string {
  return JSON.stringify({ id: e.id, type: e.type, created_at: e.created_at, data: e.data });
}
