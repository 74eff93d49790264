;;; gauntlet-eglot.el --- gauntlet's language server in Eglot  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: tools, languages

;;; Commentary:

;; Every gauntlet hook's diagnostics in Flymake, through Eglot, the moment each hook
;; finishes.  Works with Emacs 28 and the `eglot' package (1.9 and later, e.g. Debian's
;; elpa-eglot) and with the Eglot built into Emacs 29 and later.
;;
;;   (add-to-list 'load-path "/path/to/gauntlet/editors/emacs")
;;   (require 'gauntlet-eglot)
;;   (gauntlet-eglot-setup)
;;
;; Eglot runs ONE server per major mode in a project: for the modes in
;; `gauntlet-eglot-modes', gauntlet takes the place of the language's own server.  To have
;; both, run them through a multiplexer: see `gauntlet-eglot-beside' and README.md here.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'project)
(require 'subr-x)

(defgroup gauntlet-eglot nil
  "gauntlet's language server in Eglot."
  :group 'eglot
  :prefix "gauntlet-eglot-")

(defcustom gauntlet-eglot-command '("gauntlet" "lsp" "--stdio")
  "How to start gauntlet's language server: a program and its arguments.
For a checkout that is not on PATH:
  (\"node\" \"/path/to/gauntlet/dist/bin/gauntlet.js\" \"lsp\" \"--stdio\")"
  :type '(repeat string))

(defcustom gauntlet-eglot-modes
  '(python-mode python-ts-mode
    sh-mode bash-ts-mode
    js-mode js-ts-mode js2-mode
    typescript-mode typescript-ts-mode tsx-ts-mode
    json-mode json-ts-mode
    markdown-mode gfm-mode
    yaml-mode yaml-ts-mode
    dockerfile-mode dockerfile-ts-mode)
  "Major modes whose buffers gauntlet manages (derived modes included).
Eglot gives each major mode one server per project: leave out the modes
whose own language server you run through Eglot, or see `gauntlet-eglot-beside'."
  :type '(repeat symbol))

(defcustom gauntlet-eglot-root-markers
  '("gauntlet.yaml" ".pre-commit-config.yaml" ".pre-commit-config.yml"
    "lefthook.yml" ".lefthook.yml" "lefthook.yaml" ".lefthook.yaml")
  "Files whose folder is the workspace root given to the server.
The configs the server reads at that root: `gauntlet.yaml', else a pre-commit
config, else a lefthook config (read as gauntlet hooks).  Another marker only
makes sense for a folder that holds one of them too."
  :type '(repeat string))

(defcustom gauntlet-eglot-auto-start t
  "Non-nil: start Eglot when a buffer of `gauntlet-eglot-modes' opens under a root.
Read by `gauntlet-eglot-setup'."
  :type 'boolean)

(defcustom gauntlet-eglot-multiplexer '("rass")
  "The LSP multiplexer `gauntlet-eglot-beside' starts: rassumfrassum's `rass'.
It is called as MULTIPLEXER -- SERVER... -- gauntlet lsp --stdio."
  :type '(repeat string))

(defvar gauntlet-eglot--beside nil
  "Alist of (MODES . SERVERS): the servers run beside gauntlet for those modes.")

(defun gauntlet-eglot-contact (&optional _interactive)
  "The server command, read when a server starts (so a later customisation counts)."
  gauntlet-eglot-command)

(defun gauntlet-eglot-find-root (dir)
  "The nearest folder at or above DIR holding a root marker, or nil.
The markers are `gauntlet-eglot-root-markers'."
  (when-let ((found (locate-dominating-file
                     dir (lambda (folder)
                           (cl-some (lambda (marker) (file-exists-p (expand-file-name marker folder)))
                                    gauntlet-eglot-root-markers)))))
    (file-name-as-directory (expand-file-name found))))

(defun gauntlet-eglot--managed-buffer-p ()
  "Whether the current buffer's major mode is one gauntlet manages."
  (apply #'derived-mode-p gauntlet-eglot-modes))

(defun gauntlet-eglot-find-project (dir)
  "For Eglot only, in a gauntlet mode: the project rooted at DIR's gauntlet config.
That is the nearest folder holding one of `gauntlet-eglot-root-markers'.
The version-control project when it has that root (so `project-files' asks
git), else a transient one.  Elsewhere nil, leaving `project-current' as it was."
  (when-let* (((and (boundp 'eglot-lsp-context) eglot-lsp-context))
              ((gauntlet-eglot--managed-buffer-p))
              (root (gauntlet-eglot-find-root dir)))
    (let ((vc (project-try-vc root)))
      (if (and vc (file-equal-p (project-root vc) root))
          vc
        (cons 'transient root)))))

(defun gauntlet-eglot-ensure ()
  "Start Eglot here when the buffer is a gauntlet mode's and under a root marker."
  (when (and buffer-file-name
             (gauntlet-eglot--managed-buffer-p)
             (gauntlet-eglot-find-root (file-name-directory buffer-file-name)))
    (eglot-ensure)))

;;;###autoload
(defun gauntlet-eglot-setup ()
  "Register gauntlet with Eglot for `gauntlet-eglot-modes'.
Puts gauntlet first in `eglot-server-programs' for those modes, makes
Eglot's project root the folder holding gauntlet.yaml (or another config
of `gauntlet-eglot-root-markers'), and (with
`gauntlet-eglot-auto-start') starts Eglot when such a buffer opens.
Calling it again applies changed options."
  (gauntlet-eglot--register)
  (add-hook 'project-find-functions #'gauntlet-eglot-find-project)
  (dolist (mode gauntlet-eglot-modes)
    (let ((hook (intern (format "%s-hook" mode))))
      (if gauntlet-eglot-auto-start
          (add-hook hook #'gauntlet-eglot-ensure)
        (remove-hook hook #'gauntlet-eglot-ensure)))))

(defun gauntlet-eglot--register ()
  "Put this file's entries first in `eglot-server-programs', replacing old ones.
Eglot takes the first entry matching a mode: the multiplexed ones come before
gauntlet's own, which comes before every other server's."
  (setq eglot-server-programs
        (cl-remove-if (lambda (entry) (memq (cdr entry) '(gauntlet-eglot-contact gauntlet-eglot--multiplexed)))
                      eglot-server-programs))
  ;; One entry for all the modes: one gauntlet server per project serves them all.
  (push (cons gauntlet-eglot-modes 'gauntlet-eglot-contact) eglot-server-programs)
  (dolist (entry (reverse gauntlet-eglot--beside))
    (push (cons (car entry) 'gauntlet-eglot--multiplexed) eglot-server-programs)))

(defun gauntlet-eglot--multiplexed (&optional _interactive)
  "The multiplexer command for the current buffer's major mode.
See `gauntlet-eglot-beside'."
  (let ((servers (cdr (cl-find-if (lambda (entry) (apply #'derived-mode-p (car entry)))
                                  gauntlet-eglot--beside))))
    (append gauntlet-eglot-multiplexer
            (cl-loop for server in (append servers (list gauntlet-eglot-command))
                     append (cons "--" server)))))

;;;###autoload
(defun gauntlet-eglot-beside (modes &rest servers)
  "Run SERVERS (each a program and its arguments) and gauntlet for MODES.
Eglot runs one server per major mode, so this starts one multiplexer
\(`gauntlet-eglot-multiplexer') that runs them all and merges their diagnostics:
  (gauntlet-eglot-beside \\='(python-mode python-ts-mode)
                         \\='(\"pyright-langserver\" \"--stdio\"))
MODES should be in `gauntlet-eglot-modes' too, for the project root and the
automatic start."
  (setq gauntlet-eglot--beside
        (cons (cons modes servers)
              (cl-remove-if (lambda (entry) (equal (car entry) modes)) gauntlet-eglot--beside)))
  (gauntlet-eglot--register))

;;;###autoload
(defun gauntlet-eglot-command (name)
  "Run gauntlet's server command NAME: runWorkspace, clearCache or showProfile."
  (interactive
   (list (completing-read "gauntlet command: " '("runWorkspace" "clearCache" "showProfile") nil t)))
  (let* ((server (or (eglot-current-server) (user-error "gauntlet: no Eglot server in this buffer")))
         (result (jsonrpc-request server :workspace/executeCommand
                                  (list :command (concat "gauntlet." name) :arguments []))))
    (cond ((stringp result)
           (with-current-buffer (get-buffer-create "*gauntlet*")
             (let ((inhibit-read-only t))
               (erase-buffer)
               (insert result))
             (special-mode)
             (display-buffer (current-buffer))))
          (result (message "gauntlet %s: %S" name result))
          (t (message "gauntlet %s: done" name)))))

(provide 'gauntlet-eglot)
;;; gauntlet-eglot.el ends here
