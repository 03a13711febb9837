import { useEffect, useRef, type RefObject } from 'react';
import { mergeNotices } from '../checklist/RemoteNotices';
import type { FormNotice } from '../checklist/finding-form-sync';

/** What a form's reconciler makes of a newly read record. */
export interface Reconciled<V, S> {
  values: V;
  session: S;
  notices: FormNotice[];
  /** The form now holds something to write (a value kept against a remote change, a statistic kept as new). */
  write: boolean;
}

export interface FollowRecord<V, R, S> {
  record: R;
  /** The record the form last reconciled with; the form's save reads it too. */
  recordRef: RefObject<R>;
  sessionRef: RefObject<S>;
  getValues: () => V;
  /** Puts one field's new value on screen (react-hook-form's setValue). */
  setField: <K extends keyof V>(field: K, value: V[K]) => void;
  setNotices: (update: (current: FormNotice[]) => FormNotice[]) => void;
  schedule: (values: V) => void;
  /** Opening the form already left something to write (a draft restored over a changed record). */
  writeOnOpen: boolean;
  reconcile: (session: S, before: V, record: R) => Reconciled<V, S>;
}

/**
 * The open form follows its record: each time a new read arrives (a bundle, the hub, another
 * window), untouched fields show it at once and fields being edited say so. Shared by the
 * finding, assessment and site-visit forms.
 */
export function useFollowRecord<V extends object, R, S>({ record, recordRef, sessionRef, getValues, setField, setNotices, schedule, writeOnOpen, reconcile }: FollowRecord<V, R, S>): void {
  // The reconciler closes over the language and device; held in a ref so a new closure each
  // render does not re-run the effect (which would schedule a write every render).
  const reconcileRef = useRef(reconcile);
  useEffect(() => {
    reconcileRef.current = reconcile;
  }, [reconcile]);

  useEffect(() => {
    if (recordRef.current === record) {
      if (writeOnOpen) schedule(getValues());
      return;
    }
    recordRef.current = record;
    const before = getValues();
    const result = reconcileRef.current(sessionRef.current, before, record);
    sessionRef.current = result.session;
    for (const field of Object.keys(result.values) as (keyof V)[]) {
      if (JSON.stringify(result.values[field]) !== JSON.stringify(before[field])) setField(field, result.values[field]);
    }
    if (result.notices.length > 0) setNotices((current) => mergeNotices(current, result.notices));
    if (result.write) schedule(getValues());
  }, [record, recordRef, sessionRef, getValues, setField, setNotices, schedule, writeOnOpen]);
}
