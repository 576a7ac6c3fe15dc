"use client";

import { useEffect } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes to this draft. Leave without saving?";

/**
 * Warns before unsaved edits are lost: the browser's own prompt on reload/close,
 * and a confirm on in-app link clicks. Next's <Link> navigates from a React click
 * handler on the root, so a capture-phase listener on the document runs first and
 * can stop it. (Back/forward buttons are not intercepted: the App Router gives no
 * supported way to cancel them.)
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    // A plain <a> that the person already agreed to follow would otherwise ask twice.
    let confirmedLeave = false;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (confirmedLeave) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if (anchor.target && anchor.target !== "_self") return;
      if (anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      // Other sites are covered by beforeunload; in-page anchors do not leave.
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
      if (window.confirm(LEAVE_MESSAGE)) {
        confirmedLeave = true;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}
