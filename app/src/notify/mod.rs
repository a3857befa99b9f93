//! Notifications (issue 18): what happened to a shopper's order is written
//! to the outbox in the same transaction as the change (`db`), and reaches
//! them in the in-app inbox (站内信) and by e-mail, in their language
//! (`text`, from `locales/*/mail.json`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod favourites;
pub mod pages;
pub mod prefs;
#[cfg(feature = "ssr")]
pub mod text;

use serde::{Deserialize, Serialize};

/// Something that happened that a shopper is told about. The name is the
/// template's (`locales/*/mail.json`) and the outbox row's `event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    OrderPlaced,
    OrderPaid,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderRefunded,
    /// Every state of an after-sales request, an extended deadline, and
    /// the warning before the shopper's deadline to ship goods back.
    AfterSalesRequested,
    AfterSalesApproved,
    AfterSalesRefused,
    AfterSalesWithdrawn,
    AfterSalesBuyerShipped,
    AfterSalesReceived,
    AfterSalesRefunded,
    AfterSalesExchanged,
    AfterSalesRepaired,
    AfterSalesExtended,
    AfterSalesDeadline,
    /// A favourite is back in stock, or cheaper (promotions).
    FavouriteBackInStock,
    FavouritePriceDrop,
    /// Account e-mails (never in the inbox): a link to confirm the address,
    /// and one to reset a forgotten password.
    ConfirmEmail,
    PasswordReset,
    /// A test e-mail staff send from the back office (`/admin/mail`).
    MailTest,
    /// A ticket was received (a guest's receipt carries its link);
    /// customer service answered it; a resolved ticket asks for a rating.
    TicketOpened,
    TicketReply,
    TicketResolved,
    /// Points earned on an order became spendable (its return window
    /// closed); points are about to expire.
    PointsCredited,
    PointsExpiring,
    /// Staff or the birthday job put a coupon in the shopper's wallet.
    CouponReceived,
}

impl Event {
    pub const ALL: [Event; 28] = [
        Event::OrderPlaced,
        Event::OrderPaid,
        Event::OrderShipped,
        Event::OrderDelivered,
        Event::OrderCancelled,
        Event::OrderRefunded,
        Event::AfterSalesRequested,
        Event::AfterSalesApproved,
        Event::AfterSalesRefused,
        Event::AfterSalesWithdrawn,
        Event::AfterSalesBuyerShipped,
        Event::AfterSalesReceived,
        Event::AfterSalesRefunded,
        Event::AfterSalesExchanged,
        Event::AfterSalesRepaired,
        Event::AfterSalesExtended,
        Event::AfterSalesDeadline,
        Event::FavouriteBackInStock,
        Event::FavouritePriceDrop,
        Event::ConfirmEmail,
        Event::PasswordReset,
        Event::MailTest,
        Event::TicketOpened,
        Event::TicketReply,
        Event::TicketResolved,
        Event::PointsCredited,
        Event::PointsExpiring,
        Event::CouponReceived,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Event::OrderPlaced => "order_placed",
            Event::OrderPaid => "order_paid",
            Event::OrderShipped => "order_shipped",
            Event::OrderDelivered => "order_delivered",
            Event::OrderCancelled => "order_cancelled",
            Event::OrderRefunded => "order_refunded",
            Event::AfterSalesRequested => "after_sales_requested",
            Event::AfterSalesApproved => "after_sales_approved",
            Event::AfterSalesRefused => "after_sales_refused",
            Event::AfterSalesWithdrawn => "after_sales_withdrawn",
            Event::AfterSalesBuyerShipped => "after_sales_buyer_shipped",
            Event::AfterSalesReceived => "after_sales_received",
            Event::AfterSalesRefunded => "after_sales_refunded",
            Event::AfterSalesExchanged => "after_sales_exchanged",
            Event::AfterSalesRepaired => "after_sales_repaired",
            Event::AfterSalesExtended => "after_sales_extended",
            Event::AfterSalesDeadline => "after_sales_deadline",
            Event::FavouriteBackInStock => "favourite_back_in_stock",
            Event::FavouritePriceDrop => "favourite_price_drop",
            Event::ConfirmEmail => "confirm_email",
            Event::PasswordReset => "password_reset",
            Event::MailTest => "mail_test",
            Event::TicketOpened => "ticket_opened",
            Event::TicketReply => "ticket_reply",
            Event::TicketResolved => "ticket_resolved",
            Event::PointsCredited => "points_credited",
            Event::PointsExpiring => "points_expiring",
            Event::CouponReceived => "coupon_received",
        }
    }

    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// The inbox's tabs (the outbox's categories, as the page names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    All,
    Orders,
    AfterSales,
    Service,
    Promotions,
    System,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::All,
        Tab::Orders,
        Tab::AfterSales,
        Tab::Service,
        Tab::Promotions,
        Tab::System,
    ];

    /// The `?tab=` value; the category's name in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::All => "all",
            Tab::Orders => "orders",
            Tab::AfterSales => "after_sales",
            Tab::Service => "service",
            Tab::Promotions => "promotions",
            Tab::System => "system",
        }
    }

    /// An unknown value shows everything rather than an error page.
    pub fn parse(s: &str) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or(Tab::All)
    }
}

/// One inbox message, written in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    pub tab: Tab,
    pub title: String,
    pub body: String,
    /// Where the message leads (the order's page).
    pub href: Option<String>,
    pub read: bool,
    /// When it arrived, in the shop's time zone.
    pub at: String,
}

/// A page of the inbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub items: Vec<InboxItem>,
    pub unread: i64,
}

/// Messages shown per page of the inbox.
pub const INBOX_PAGE: i64 = 50;
