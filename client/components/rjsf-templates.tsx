/**
 * RJSF templates every form of the app uses (StepForm, the policy numbers), for list (array)
 * fields. RJSF core's own buttons are Bootstrap glyphicon fonts we do not load, so they showed as
 * empty boxes with an English tooltip. Here each button has an inline SVG icon, its text in the
 * UI language and, for an item's buttons, a name saying which item ("Hapus butir 2 dari
 * Tanggungan"); each item is a bordered box with its buttons below its fields.
 */
import { getDefaultRegistry } from '@rjsf/core';
import {
  buttonId,
  getTemplate,
  getUiOptions,
  type ArrayFieldItemButtonsTemplateProps,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type IconButtonProps,
  type RJSFSchema,
  type TemplatesType,
} from '@rjsf/utils';
import { createContext, useContext, useMemo } from 'react';
import { useI18n } from '../lib/i18n.ts';
import './rjsf-templates.css';

type Data = Record<string, unknown>;
type ButtonProps = IconButtonProps<Data, RJSFSchema>;

/**
 * The list an item or the add button belongs to (its title names it in the buttons' names), or
 * null outside a list. An item resets it for its own fields, so an object's "add" inside an item
 * is not taken for the list's.
 */
const InList = createContext<{ title: string | undefined } | null>(null);

/** 24×24 outline icons, drawn in the text colour; hidden from screen readers (the text names the button). */
function Icon({ d }: { d: string }) {
  return (
    <svg className="rjsf-button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
const PLUS = 'M12 5v14M5 12h14';
const TRASH = 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6';
const UP = 'M12 19V5M5 12l7-7 7 7';
const DOWN = 'M12 5v14M19 12l-7 7-7-7';
const COPY = 'M9 9h11v11H9zM5 15H4V4h11v1';

function ActionButton({
  id,
  className,
  onClick,
  disabled,
  'aria-label': name,
  icon,
  text,
}: Pick<ButtonProps, 'id' | 'className' | 'onClick' | 'disabled' | 'aria-label'> & { icon: string; text: string }) {
  return (
    <button type="button" id={id} className={`button button--secondary rjsf-button ${className ?? ''}`} onClick={onClick} disabled={disabled} aria-label={name}>
      <Icon d={icon} />
      <span className="rjsf-button__text">{text}</span>
    </button>
  );
}

function AddButton(props: ButtonProps) {
  const { t } = useI18n();
  const list = useContext(InList);
  const name = list?.title ? t('form.array.addTo', { title: list.title }) : undefined;
  return <ActionButton {...props} aria-label={name} icon={PLUS} text={t(list ? 'form.array.addItem' : 'form.array.add')} />;
}
function RemoveButton(props: ButtonProps) {
  const { t } = useI18n();
  return <ActionButton {...props} className={`rjsf-button--remove ${props.className ?? ''}`} icon={TRASH} text={t('form.array.remove')} />;
}
function MoveUpButton(props: ButtonProps) {
  const { t } = useI18n();
  return <ActionButton {...props} className={`rjsf-button--move ${props.className ?? ''}`} icon={UP} text={t('form.array.moveUp')} />;
}
function MoveDownButton(props: ButtonProps) {
  const { t } = useI18n();
  return <ActionButton {...props} className={`rjsf-button--move ${props.className ?? ''}`} icon={DOWN} text={t('form.array.moveDown')} />;
}
function CopyButton(props: ButtonProps) {
  const { t } = useI18n();
  return <ActionButton {...props} icon={COPY} text={t('form.array.copy')} />;
}

const CoreArrayFieldTemplate = getDefaultRegistry<Data, RJSFSchema>().templates.ArrayFieldTemplate;

/** RJSF's own list template, telling the items and the add button which list they are in. */
function ArrayFieldTemplate(props: ArrayFieldTemplateProps<Data, RJSFSchema>) {
  const title = getUiOptions(props.uiSchema, props.registry.globalUiOptions).title || props.title;
  const list = useMemo(() => ({ title }), [title]);
  return (
    <InList.Provider value={list}>
      <CoreArrayFieldTemplate {...props} />
    </InList.Provider>
  );
}

function ArrayFieldItemTemplate({ children, className, buttonsProps, hasToolbar, registry, uiSchema }: ArrayFieldItemTemplateProps<Data, RJSFSchema>) {
  const Buttons = getTemplate<'ArrayFieldItemButtonsTemplate', Data, RJSFSchema>('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <div className={`${className} array-item`}>
      <InList.Provider value={null}>{children}</InList.Provider>
      {hasToolbar && (
        <div className="array-item__toolbar">
          <Buttons {...buttonsProps} />
        </div>
      )}
    </div>
  );
}

/** RJSF's item buttons (same ids, classes and rules), each named with the item it acts on. */
function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps<Data, RJSFSchema>) {
  const { disabled, readonly, hasCopy, hasMoveDown, hasMoveUp, hasRemove, fieldPathId, index, onCopyItem, onRemoveItem, onMoveDownItem, onMoveUpItem, registry, uiSchema } = props;
  const { t } = useI18n();
  const title = useContext(InList)?.title;
  const item = title ? t('form.array.itemOf', { n: index + 1, title }) : t('form.array.item', { n: index + 1 });
  const { CopyButton, MoveDownButton, MoveUpButton, RemoveButton } = registry.templates.ButtonTemplates;
  const locked = disabled || readonly;
  return (
    <>
      {(hasMoveUp || hasMoveDown) && (
        <>
          <MoveUpButton
            id={buttonId(fieldPathId, 'moveUp')}
            className="rjsf-array-item-move-up"
            disabled={locked || !hasMoveUp}
            onClick={onMoveUpItem}
            aria-label={t('form.array.moveUpItem', { item })}
            uiSchema={uiSchema}
            registry={registry}
          />
          <MoveDownButton
            id={buttonId(fieldPathId, 'moveDown')}
            className="rjsf-array-item-move-down"
            disabled={locked || !hasMoveDown}
            onClick={onMoveDownItem}
            aria-label={t('form.array.moveDownItem', { item })}
            uiSchema={uiSchema}
            registry={registry}
          />
        </>
      )}
      {hasCopy && (
        <CopyButton
          id={buttonId(fieldPathId, 'copy')}
          className="rjsf-array-item-copy"
          disabled={locked}
          onClick={onCopyItem}
          aria-label={t('form.array.copyItem', { item })}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {hasRemove && (
        <RemoveButton
          id={buttonId(fieldPathId, 'remove')}
          className="rjsf-array-item-remove"
          disabled={locked}
          onClick={onRemoveItem}
          aria-label={t('form.array.removeItem', { item })}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
    </>
  );
}

/** The `templates` prop of every RJSF form in the app. */
export const formTemplates: Partial<Omit<TemplatesType<Data, RJSFSchema>, 'ButtonTemplates'>> & {
  ButtonTemplates: Partial<TemplatesType<Data, RJSFSchema>['ButtonTemplates']>;
} = {
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate,
  ButtonTemplates: { AddButton, RemoveButton, MoveUpButton, MoveDownButton, CopyButton },
};
