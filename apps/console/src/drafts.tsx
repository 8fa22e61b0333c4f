import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form's input kept in sessionStorage under this page's path (which names the case or task) and
 * the field's name: back, forward and reload find it as typed; another tab starts empty, and a
 * sent form clears it. Sign-out clears every draft of the tab (session.tsx).
 */
export function useDraft<T>(name: string, initial: T): [T, Dispatch<SetStateAction<T>>, () => void] {
  const key = `draft:${window.location.pathname}:${name}`;
  // The first render's value: a draft equal to it is no draft.
  const [first] = useState(initial);
  const [value, setValue] = useState<T>(() => {
    try {
      const text = sessionStorage.getItem(key);
      return text === null ? initial : (JSON.parse(text) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      if (JSON.stringify(value) === JSON.stringify(first)) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or refused (private mode): the form still works, it only forgets on reload.
    }
  }, [key, value, first]);
  const clear = useCallback(() => {
    sessionStorage.removeItem(key);
    setValue(first);
  }, [key, first]);
  return [value, setValue, clear];
}
